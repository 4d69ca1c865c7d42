/**
 * Step 6a: the JSON Schema 2020-12 of the one application. Requiredness that depends on
 * the selection is plain `if`/`contains`/`then`, so any conforming validator agrees with AJV;
 * our own keywords are `x-` annotations only.
 */
import type { CompiledScenario, FormSection, JsonSchema, MergedField } from './compiled-types.ts';
import { FORMATS } from './formats.ts';

/** The longest text a field takes when its data element sets no limit. */
export const DEFAULT_MAX_LENGTH = { string: 200, text: 2000 } as const;

const DATE_PATTERN = '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$';

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
  return s;
}

/** Everything the schema is built from. */
export interface SchemaInput {
  id: string;
  name: string;
  version: number;
  region: string;
  scenarios: readonly CompiledScenario[];
  sections: readonly FormSection[];
  fields: readonly MergedField[];
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
    matters: {
      type: 'array',
      title: '办理事项',
      description: '本次一并办理的事项：必选事项必须包含，可选事项自主勾选',
      minItems: 1,
      uniqueItems: true,
      items: { type: 'string', oneOf: [...matters].map(([code, name]) => ({ const: code, title: name })) },
    },
  };
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
    properties[section.key] = s;
  }

  const allOf: JsonSchema[] = [];
  for (const s of input.scenarios) {
    const required = s.items.filter((i) => i.selection === 'required').map((i) => i.matter.code);
    const mattersRule: JsonSchema = { items: { enum: s.items.map((i) => i.matter.code) } };
    if (required.length) mattersRule.allOf = required.map((code) => ({ contains: { const: code } }));
    allOf.push({
      if: { properties: { scenario: { const: s.id } }, required: ['scenario'] },
      then: { properties: { matters: mattersRule } },
    });
  }
  for (const [code] of matters) {
    const bySection = new Map<string, string[]>();
    for (const f of input.fields) {
      if (!f.sources.some((x) => x.matter === code && x.required)) continue;
      const keys = bySection.get(f.section) ?? [];
      keys.push(f.key);
      bySection.set(f.section, keys);
    }
    if (bySection.size === 0) continue;
    const then: JsonSchema = {
      required: [...bySection.keys()],
      properties: Object.fromEntries([...bySection].map(([k, keys]) => [k, { required: keys }])),
    };
    allOf.push({ if: { properties: { matters: { contains: { const: code } } }, required: ['matters'] }, then });
  }

  const schema: JsonSchema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: applicationSchemaId(input.region, input.id, input.version),
    title: `${input.name}申请表`,
    description: `一张表单：${input.name}所涉事项的共用信息只填一次`,
    type: 'object',
    required: ['scenario', 'matters'],
    properties,
    additionalProperties: false,
  };
  if (allOf.length) schema.allOf = allOf;
  return schema;
}
