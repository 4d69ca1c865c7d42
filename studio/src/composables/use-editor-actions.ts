/**
 * Every edit an official makes in the editor, in one place: on a provincial draft it is a
 * pure bundle operation (bundle-ops.ts), in a city's variant the matching variant operation
 * — never a copy of the bundle. Views and panels call these and know nothing of the dispatch.
 */
import { ElMessage } from 'element-plus';
import type {
  Bundle,
  FieldOverride,
  Mode,
  RosterDefinition,
  Scenario,
  Selection,
  Target,
  VariantOperation,
} from '../../../schemas/index.ts';
import * as ops from '../editor/bundle-ops.ts';
import { autoLayout as layoutOf } from '../editor/canvas-mapping.ts';
import { useEditorStore } from '../stores/editor.store.ts';

const ORDER_IS_PROVINCIAL = '地方版本不能调整省级的办理顺序';

/** The editor's actions on the active scenario (and the bundle), for a draft or a variant alike. */
export function useEditorActions() {
  const editor = useEditorStore();
  const scenarioId = () => editor.activeScenario;
  const inScenario = (code: string) =>
    editor.bundle?.scenarios.find((s) => s.id === scenarioId())?.items.some((i) => i.matter === code) ?? false;
  const compiledScenario = () => editor.compiled?.scenarios.find((s) => s.id === scenarioId());

  /** Records a city's operation; one the province's guardrails refuse is not recorded, and the official is told why. */
  function cityEdit(op: VariantOperation): boolean {
    const refusal = editor.addOperation(op);
    if (refusal) ElMessage.warning(refusal);
    return refusal === null;
  }

  /** Adds a matter (optional) where it was dropped; a city adds it to its variant. */
  function addMatter(code: string, position: { x: number; y: number }): void {
    if (inScenario(code)) {
      ElMessage.info('该事项已在本情形中');
      return;
    }
    if (editor.isVariant) cityEdit({ op: 'addItem', scenario: scenarioId(), matter: code, selection: 'optional' });
    else editor.edit((b) => ops.addItem(b, scenarioId(), code, position));
    editor.selectedMatter = code;
  }

  function removeMatter(code: string): void {
    if (editor.isVariant) {
      if (!cityEdit({ op: 'removeItem', scenario: scenarioId(), matter: code })) return;
    } else editor.edit((b) => ops.removeItem(b, scenarioId(), code));
    if (editor.selectedMatter === code) editor.selectedMatter = null;
  }

  function setSelection(code: string, selection: Selection): void {
    if (editor.isVariant) cityEdit({ op: 'setSelection', scenario: scenarioId(), matter: code, selection });
    else editor.edit((b) => ops.setItem(b, scenarioId(), code, { selection }));
  }

  /** Locks an item against city changes (province only). */
  function setLocked(code: string, locked: boolean): void {
    if (!editor.isVariant) editor.edit((b) => ops.setItem(b, scenarioId(), code, { locked }));
  }

  /** Adds "before → after"; a connection that would close a cycle is refused and named. */
  function connect(before: string, after: string): void {
    if (editor.isVariant) {
      ElMessage.warning(ORDER_IS_PROVINCIAL);
      return;
    }
    let cycle: string[] | null = null;
    editor.edit((b) => {
      const r = ops.connect(b, scenarioId(), { before, after });
      cycle = r.cycle;
      return r.bundle;
    });
    if (cycle) {
      const names = new Map(compiledScenario()?.items.map((i) => [i.matter.code, i.matter.name]));
      ElMessage.error(`不能这样连接：会形成循环（${(cycle as string[]).map((c) => names.get(c) ?? c).join(' → ')}）`);
    }
  }

  function disconnect(before: string, after: string): void {
    if (editor.isVariant) ElMessage.warning(ORDER_IS_PROVINCIAL);
    else editor.edit((b) => ops.disconnect(b, scenarioId(), { before, after }));
  }

  /** Moves a node (the layout is the province's; a city's canvas does not keep positions). */
  function move(code: string, position: { x: number; y: number }): void {
    if (!editor.isVariant) editor.edit((b) => ops.moveNode(b, scenarioId(), code, position));
  }

  function arrange(mode: Mode): void {
    editor.edit((b) => ops.arrange(b, scenarioId(), mode));
  }

  function autoLayout(): void {
    const compiled = compiledScenario();
    if (compiled) editor.edit((b) => ops.setLayout(b, scenarioId(), layoutOf(compiled)));
  }

  /** Renames a scenario (the active one unless named). */
  function setScenarioLabel(label: string, scenario = scenarioId()): void {
    if (!label.trim()) return;
    if (editor.isVariant) cityEdit({ op: 'relabelScenario', scenario, label: label.trim() });
    else editor.edit((b) => ops.setScenarioProps(b, scenario, { label: label.trim() }));
  }

  /** The scenario's promise: a city can only shorten it. */
  function setScenarioDays(days: number | undefined): void {
    if (editor.isVariant) {
      if (days !== undefined) cityEdit({ op: 'tightenDays', scenario: scenarioId(), days });
    } else editor.edit((b) => ops.setScenarioProps(b, scenarioId(), { promisedDays: days }));
  }

  function setScenarioProps(change: Partial<Pick<Scenario, 'target' | 'guide'>>, scenario = scenarioId()): void {
    if (!editor.isVariant) editor.edit((b) => ops.setScenarioProps(b, scenario, change));
  }

  /** Adds a scenario (province only) and makes it the active one. */
  function addScenario(label: string, target: Target): void {
    if (editor.isVariant || !editor.bundle) return;
    const id = ops.newScenarioId(editor.bundle, label);
    editor.edit((b) => ops.addScenario(b, id, label.trim(), target));
    editor.activeScenario = id;
  }

  /** Removes a scenario (province only); the last one stays. */
  function removeScenario(id: string): void {
    if (editor.isVariant || !editor.bundle) return;
    if (editor.bundle.scenarios.length <= 1) {
      ElMessage.warning('一件事至少要有一个办事情形');
      return;
    }
    editor.edit((b) => ops.removeScenario(b, id));
  }

  function setBundleProps(change: Partial<Pick<Bundle, 'name' | 'lead' | 'description' | 'promisedDays'>>): void {
    if (!editor.isVariant) editor.edit((b) => ops.setBundleProps(b, change));
  }

  /** The 职工名单 of an employer's bundle (province only). */
  function setRoster(roster: RosterDefinition | undefined): void {
    if (!editor.isVariant) editor.edit((b) => ops.setRoster(b, roster));
  }

  /**
   * The bundle's logic (questions, effects, groups, field conditions, rules): province only —
   * a city's variant does not change it. `change` gets the active scenario's id.
   */
  function editLogic(change: (b: Bundle, scenario: string) => Bundle): void {
    if (!editor.isVariant) editor.edit((b) => change(b, scenarioId()));
  }

  /** Renames a field of the one form: a city records a relabel operation. */
  function relabelField(field: string, label: string): void {
    if (label.trim()) cityEdit({ op: 'relabelField', field, label: label.trim() });
  }

  /** Resolves a field conflict with one matter's requirements (province only). */
  function preferField(field: string, matter: string): void {
    if (editor.isVariant) return;
    const current = editor.bundle?.fieldOverrides?.find((o) => o.field === field);
    editor.edit((b) => ops.setFieldOverride(b, { ...current, field, prefer: matter } as FieldOverride));
  }

  /** Moves a field one place within its section. */
  function moveField(sectionFields: readonly string[], field: string, step: -1 | 1): void {
    if (!editor.isVariant) editor.edit((b) => ops.moveField(b, sectionFields, field, step));
  }

  return {
    addMatter,
    removeMatter,
    setSelection,
    setLocked,
    connect,
    disconnect,
    move,
    arrange,
    autoLayout,
    setScenarioLabel,
    setScenarioDays,
    setScenarioProps,
    addScenario,
    removeScenario,
    setBundleProps,
    setRoster,
    editLogic,
    cityEdit,
    relabelField,
    preferField,
    moveField,
  };
}
