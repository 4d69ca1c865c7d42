/**
 * What conditions and rules of the edited bundle can read, for the builders: the questions
 * (of the active scenario, or of all), the fields of the one form, the scenario's matters —
 * and how to say a condition in words.
 */
import { computed } from 'vue';
import { conditionWords, describeCondition, type Bundle, type CompiledBundle, type Condition } from '../../../schemas/index.ts';
import type { Subject } from '../editor/condition-rows.ts';
import { describeLogic, type LogicWords } from '../editor/rule-model.ts';
import { useCatalogStore } from '../stores/catalog.store.ts';
import { useEditorStore } from '../stores/editor.store.ts';

/** What the builders read from: the bundle authored, its compiled form and the scenario in view. */
export interface LogicSource {
  readonly bundle: Bundle | null;
  readonly compiled: CompiledBundle | null;
  readonly activeScenario: string;
}

/** The subjects of `source` (the bundle in the editor when none is given: a matter designer gives its own). */
export function useLogicSubjects(source?: () => LogicSource) {
  const store = useEditorStore();
  const catalog = useCatalogStore();
  const src = (): LogicSource => source?.() ?? store;
  const scenario = computed(() => src().bundle?.scenarios.find((s) => s.id === src().activeScenario));
  const toSubject = (q: { id: string; text: string; kind: Subject['kind']; options?: Subject['options'] }): Subject => ({
    ref: q.id,
    label: q.text,
    kind: q.kind,
    ...(q.options ? { options: q.options } : {}),
  });
  const questions = computed<Subject[]>(() => (scenario.value?.questions ?? []).map(toSubject));
  const allQuestions = computed<Subject[]>(() => {
    const seen = new Map<string, Subject>();
    for (const s of src().bundle?.scenarios ?? []) for (const q of s.questions ?? []) if (!seen.has(q.id)) seen.set(q.id, toSubject(q));
    return [...seen.values()];
  });
  const fields = computed<Subject[]>(() =>
    (src().compiled?.fields ?? []).map((f) => ({ ref: f.id, label: f.label, kind: f.type, ...(f.options ? { options: f.options } : {}) })),
  );
  const matters = computed<Subject[]>(() =>
    (src().compiled?.scenarios.find((s) => s.id === src().activeScenario)?.items ?? []).map((i) => ({
      ref: i.matter.code,
      label: i.matter.name,
      kind: 'matter' as const,
    })),
  );
  const words = computed(() => {
    const compiled = src().compiled;
    return compiled ? conditionWords(compiled) : null;
  });
  const say = (c: Condition | undefined) => (c && words.value ? describeCondition(c, words.value) : '总是');
  const logicWords = computed<LogicWords>(() => {
    const fieldLabels = new Map(fields.value.map((f) => [f.ref, f.label]));
    const questionTexts = new Map(allQuestions.value.map((q) => [q.ref, q.label]));
    const matterNames = new Map(
      (src().compiled?.scenarios ?? []).flatMap((s) => s.items.map((i) => [i.matter.code, i.matter.name] as const)),
    );
    const parameterNames = new Map(catalog.parameterChoices.map((p) => [p.ref, p.label]));
    return {
      field: (p) => fieldLabels.get(p),
      question: (id) => questionTexts.get(id),
      matter: (c) => matterNames.get(c),
      parameter: (n) => parameterNames.get(n),
    };
  });
  /** A rule's JSON Logic in words. */
  const sayLogic = (logic: unknown) => describeLogic(logic, logicWords.value);
  /** What a data path of the application is, in words (a case's values are shown so). */
  const pathLabel = (path: string) => {
    if (path === 'applicationDate') return '申请日期';
    if (path === 'matters') return '所办事项';
    if (path.startsWith('answers.')) return logicWords.value.question(path.slice('answers.'.length)) ?? path;
    return logicWords.value.field(path) ?? path;
  };
  return { scenario, questions, allQuestions, fields, matters, say, sayLogic, pathLabel };
}
