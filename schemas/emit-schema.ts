/**
 * Step 6a: the JSON Schema 2020-12 of the one application. Everything that depends on the
 * scenario, the answers to its questions, the selected matters or other fields is plain
 * `if`/`then` over the application (conditions as `conditions.ts` writes them), so any
 * conforming validator agrees with AJV; our own keywords are `x-` annotations only, and the
 * rules beyond what a schema can say travel in `x-rules` as JSON Logic.
 */
import type { CompiledRoster, CompiledScenario, ExportedRule, FormSection, JsonSchema, MergedField } from './compiled-types.ts';
import { conditionSchema } from './conditions.ts';
import { DATE_PATTERN, FORMATS } from './formats.ts';
import type { Condition, MatterGroup, Question } from './logic-types.ts';
import { rosterSectionKeys, ROSTER_KEY, splitForRow } from './roster.ts';

/** The longest text a field takes when its data element sets no limit. */
export const DEFAULT_MAX_LENGTH = { string: 200, text: 2000 } as const;

function options(f: MergedField): JsonSchema[] {
  return (f.options ?? []).map((o) => ({ const: o.value, title: o.label }));
}

/** The schema of one merged field. */
export function fieldSchema(f: MergedField, matterNames: ReadonlyMap<string, string>): JsonSchema {
  const used = `用于：${f.sources.map((s) => matterNames.get(s.matter) ?? s.matter).join('、')}`;
  const s: JsonSchema = { title: f.label, description: f.description ? `${f.description}（${used}）` : used };
  const patterns = [...new Set([...(f.format ? [FORMATS[f.format].pattern] : []), ...f.patterns])];
  switch (f.type) {
    case 'string':
    case 'text':
      s.type = 'string';
      if (f.minLength !== undefined) s.minLength = f.minLength;
      // every string is bounded: an applicant's text never reaches a pattern unbounded
      s.maxLength = f.maxLength ?? DEFAULT_MAX_LENGTH[f.type];
      if (f.format) s.format = f.format;
      break;
    case 'date':
      s.type = 'string';
      s.format = 'date';
      patterns.unshift(DATE_PATTERN);
      break;
    case 'integer':
    case 'number':
      s.type = f.type;
      if (f.minimum !== undefined) s.minimum = f.minimum;
      if (f.maximum !== undefined) s.maximum = f.maximum;
      break;
    case 'boolean':
      s.type = 'boolean';
      break;
    case 'enum':
      s.type = 'string';
      s.oneOf = options(f);
      break;
    case 'multi-enum':
      s.type = 'array';
      s.uniqueItems = true;
      s.items = { type: 'string', oneOf: options(f) };
      break;
  }
  if (patterns.length) {
    s.pattern = patterns[0];
    if (patterns.length > 1) s.allOf = patterns.slice(1).map((pattern) => ({ pattern }));
  }
  s['x-field'] = f.id;
  s['x-sources'] = f.sources.map((x) => x.matter);
  if (f.pii) s['x-pii'] = true;
  if (f.derived) {
    s.readOnly = true;
    s['x-derived'] = { ...f.derived };
  }
  return s;
}

/** The schema of a 情形 question's answer. */
export function questionSchema(q: Question): JsonSchema {
  const s: JsonSchema = { title: q.text };
  if (q.help) s.description = q.help;
  const options = () => (q.options ?? []).map((o) => ({ const: o.value, title: o.label }));
  switch (q.kind) {
    case 'yes-no':
      s.type = 'boolean';
      s.oneOf = [
        { const: true, title: '是' },
        { const: false, title: '否' },
      ];
      break;
    case 'one-of':
      s.type = 'string';
      s.oneOf = options();
      break;
    case 'several-of':
      s.type = 'array';
      s.uniqueItems = true;
      s.minItems = 1;
      s.items = { type: 'string', oneOf: options() };
      break;
    case 'number':
      s.type = 'number';
      break;
    case 'date':
      s.type = 'string';
      s.format = 'date';
      s.pattern = DATE_PATTERN;
      break;
  }
  return s;
}

/** A schema condition: the scenario is `id` and, when given, `c` holds. */
function scenarioAnd(id: string, c?: Condition): JsonSchema {
  const scenario: JsonSchema = { properties: { scenario: { const: id } }, required: ['scenario'] };
  return c ? { allOf: [scenario, conditionSchema(c)] } : scenario;
}

/** What a group asks of the selected matters, in standard keywords. */
function groupSchema(g: MatterGroup): JsonSchema {
  if (g.kind === 'at-least-one') return { contains: { enum: [...g.matters] } };
  if (g.kind === 'at-most-one') return { not: { contains: { enum: [...g.matters] }, minContains: 2 } };
  return { oneOf: g.matters.map((code) => ({ contains: { const: code } })) };
}

/** "Some of these matters is selected", as a schema condition. */
const anySelected = (codes: readonly string[]): JsonSchema => ({
  required: ['matters'],
  properties: { matters: { contains: codes.length === 1 ? { const: codes[0] } : { enum: [...codes] } } },
});

/** Everything the schema is built from. */
export interface SchemaInput {
  id: string;
  name: string;
  version: number;
  region: string;
  scenarios: readonly CompiledScenario[];
  sections: readonly FormSection[];
  fields: readonly MergedField[];
  rules?: readonly ExportedRule[];
  roster?: CompiledRoster;
}

/**
 * "These fields are filled in", by section, as the `then` of a schema condition: the shared
 * sections at the top, an employee's sections in every entry of the roster.
 */
function requireFields(bySection: ReadonlyMap<string, readonly string[]>, roster: ReadonlySet<string>): JsonSchema {
  const part = (entries: [string, readonly string[]][]): JsonSchema => ({
    required: entries.map(([k]) => k),
    properties: Object.fromEntries(entries.map(([k, keys]) => [k, { required: [...keys] }])),
  });
  const shared = [...bySection].filter(([k]) => !roster.has(k));
  const own = [...bySection].filter(([k]) => roster.has(k));
  const then = part(shared);
  if (own.length) {
    (then.required as string[]).push(ROSTER_KEY);
    (then.properties as JsonSchema)[ROSTER_KEY] = { items: part(own) };
  }
  return then;
}

/** The `$id` of an emitted application schema. */
export function applicationSchemaId(region: string, id: string, version: number): string {
  return `urn:yijianshi:${region}:${id}@${version}`;
}

/** Emits the application schema. */
export function emitSchema(input: SchemaInput): JsonSchema {
  const matters = new Map<string, string>();
  for (const s of input.scenarios) for (const it of s.items) matters.set(it.matter.code, it.matter.name);

  const properties: JsonSchema = {
    scenario: {
      type: 'string',
      title: '办事情形',
      description: '申请人所属的办事情形（分类）',
      oneOf: input.scenarios.map((s) => ({ const: s.id, title: s.label })),
    },
    answers: {
      type: 'object',
      title: '情形问题',
      description: '申请人对办事情形问题的回答：先回答，事项、材料与表单随之确定',
      properties: Object.fromEntries(questionsOf(input.scenarios).map((q) => [q.id, questionSchema(q)])),
      additionalProperties: false,
    },
    matters: {
      type: 'array',
      title: '办理事项',
      description: '本次一并办理的事项：必选事项必须包含，可选事项自主勾选',
      minItems: 1,
      uniqueItems: true,
      items: { type: 'string', oneOf: [...matters].map(([code, name]) => ({ const: code, title: name })) },
    },
  };
  const roster = input.roster ? rosterSectionKeys(input.sections) : new Set<string>();
  const rowProperties: JsonSchema = {};
  for (const section of input.sections) {
    const props: JsonSchema = {};
    for (const f of input.fields) if (f.section === section.key) props[f.key] = fieldSchema(f, matters);
    const s: JsonSchema = {
      type: 'object',
      title: section.label,
      description: section.matter ? `仅「${section.label}」需要填写的信息` : `多个事项共用的${section.label}，只填一次`,
      properties: props,
      additionalProperties: false,
    };
    if (section.matter) s['x-matter'] = section.matter;
    if (roster.has(section.key)) s.description = `每名职工的${section.label}`;
    (roster.has(section.key) ? rowProperties : properties)[section.key] = s;
  }
  if (input.roster && roster.size)
    properties[ROSTER_KEY] = {
      type: 'array',
      title: input.roster.label,
      description: '本次一并办理的职工，每名职工填写一项；单位与经办人信息只填一次',
      minItems: 1,
      maxItems: input.roster.maxItems,
      items: { type: 'object', title: '职工', properties: rowProperties, additionalProperties: false },
      // what no two entries share, as pointers within an entry (a check beyond JSON Schema's uniqueItems)
      'x-unique': input.roster.unique.map((id) => `/${id.replace('.', '/')}`),
    };

  const allOf: JsonSchema[] = [];
  for (const s of input.scenarios) {
    const required = s.items.filter((i) => i.selection === 'required').map((i) => i.matter.code);
    const mattersRule: JsonSchema = { items: { enum: s.items.map((i) => i.matter.code) } };
    const mattersAll: JsonSchema[] = required.map((code) => ({ contains: { const: code } }));
    // groups of optional matters: exactly one, at least one, at most one
    for (const g of s.groups) mattersAll.push(groupSchema(g));
    if (mattersAll.length) mattersRule.allOf = mattersAll;
    const then: JsonSchema = { properties: { matters: mattersRule } };
    // the questions asked in every case are answered
    const always = s.questions.filter((q) => !q.optional && !q.when).map((q) => q.id);
    if (always.length)
      Object.assign(then, { required: ['answers'], properties: { ...(then.properties as object), answers: { required: always } } });
    allOf.push({ if: scenarioAnd(s.id), then });
    for (const q of s.questions.filter((x) => !x.optional && x.when))
      allOf.push({ if: scenarioAnd(s.id, q.when), then: { required: ['answers'], properties: { answers: { required: [q.id] } } } });
    // what answers do to the matters
    for (const e of s.effects) {
      const rule: JsonSchema[] = [...(e.require ?? []).map((code) => ({ contains: { const: code } }))];
      if (e.exclude?.length) rule.push({ not: { contains: { enum: [...e.exclude] } } });
      if (rule.length)
        allOf.push({ if: scenarioAnd(s.id, e.when), then: { required: ['matters'], properties: { matters: { allOf: rule } } } });
    }
  }
  for (const [code] of matters) {
    const bySection = new Map<string, string[]>();
    for (const f of input.fields) {
      // derived fields are never asked; conditioned ones are required below, with their condition
      if (f.derived || f.condition) continue;
      if (!f.sources.some((x) => x.matter === code && x.required)) continue;
      const keys = bySection.get(f.section) ?? [];
      keys.push(f.key);
      bySection.set(f.section, keys);
    }
    if (bySection.size === 0) continue;
    const then = requireFields(bySection, roster);
    allOf.push({ if: { properties: { matters: { contains: { const: code } } }, required: ['matters'] }, then });
  }
  // a field shown only under a condition is required when it holds and a matter that wants it is selected
  for (const f of input.fields) {
    if (f.derived || !f.condition) continue;
    const wanting = f.sources.filter((x) => f.condition!.required || x.required).map((x) => x.matter);
    if (wanting.length === 0) continue;
    const need = requireFields(new Map([[f.section, [f.key]]]), new Set());
    if (!roster.has(f.section)) {
      allOf.push({ if: { allOf: [conditionSchema(f.condition.when), anySelected(wanting)] }, then: need });
      continue;
    }
    // an employee's field: what the condition asks of the application once, and of each employee
    const split = splitForRow(f.condition.when, roster);
    if (!split) continue; // reported by the compiler (roster.mixed-condition)
    const each = split.row ? { if: conditionSchema(split.row), then: need } : need;
    allOf.push({
      if: split.shared ? { allOf: [conditionSchema(split.shared), anySelected(wanting)] } : anySelected(wanting),
      then: { properties: { [ROSTER_KEY]: { items: each } } },
    });
  }

  const schema: JsonSchema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: applicationSchemaId(input.region, input.id, input.version),
    title: `${input.name}申请表`,
    description: `一张表单：${input.name}所涉事项的共用信息只填一次`,
    type: 'object',
    required: input.roster && roster.size ? ['scenario', 'matters', ROSTER_KEY] : ['scenario', 'matters'],
    properties,
    additionalProperties: false,
  };
  if (allOf.length) schema.allOf = allOf;
  if (input.rules?.length)
    schema['x-rules'] = input.rules.map((r) => ({
      id: r.id,
      message: r.message,
      severity: r.severity,
      paths: r.paths,
      ...(r.each ? { each: r.each } : {}),
      logic: r.logic,
    }));
  return schema;
}

/** Every question of the bundle, once each (the first scenario that asks it describes it). */
export function questionsOf(scenarios: readonly CompiledScenario[]): Question[] {
  const out = new Map<string, Question>();
  for (const s of scenarios) for (const q of s.questions) if (!out.has(q.id)) out.set(q.id, q);
  return [...out.values()];
}
