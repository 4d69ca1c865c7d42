/**
 * How long officials' texts may be. The document schemas hold each limit (the server refuses
 * longer text with the field's path); this reads them, so the studio's inputs stop at the
 * same place and no limit is written twice.
 */
import bundle from './bundle.schema.json' with { type: 'json' };
import dictionary from './dictionary.schema.json' with { type: 'json' };
import logic from './logic.schema.json' with { type: 'json' };
import matter from './matter.schema.json' with { type: 'json' };
import variant from './variant.schema.json' with { type: 'json' };

/** The maxLength at a path of keys in a schema; a missing one is a programming error. */
function maxLengthAt(schema: unknown, ...path: (string | number)[]): number {
  let node = schema as Record<string | number, unknown> | undefined;
  for (const key of path) node = node?.[key] as Record<string | number, unknown> | undefined;
  const max = node?.maxLength;
  if (typeof max !== 'number') throw new Error(`no maxLength at ${path.join('/')}`);
  return max;
}

const variantOp = (op: string) => {
  const alternatives = (variant.$defs.operation.oneOf as { properties: { op: { const?: string } } }[]).findIndex(
    (alt) => alt.properties.op.const === op,
  );
  return ['$defs', 'operation', 'oneOf', alternatives, 'properties'];
};

/** The text limits of the studio's inputs. */
export const TEXT_LIMITS = {
  id: maxLengthAt(bundle, '$defs', 'slug'),
  bundleName: maxLengthAt(bundle, 'properties', 'name'),
  lead: maxLengthAt(bundle, 'properties', 'lead'),
  scenarioLabel: maxLengthAt(bundle, '$defs', 'scenario', 'properties', 'label'),
  guideQuestion: maxLengthAt(bundle, '$defs', 'guide', 'properties', 'question'),
  guideAnswer: maxLengthAt(bundle, '$defs', 'guide', 'properties', 'answer'),
  fieldLabel: maxLengthAt(variant, ...variantOp('relabelField'), 'label'),
  note: maxLengthAt(variant, ...variantOp('addNote'), 'text'),
  localFieldLabel: maxLengthAt(matter, '$defs', 'localField', 'properties', 'local', 'properties', 'label'),
  matterName: maxLengthAt(matter, 'properties', 'name'),
  department: maxLengthAt(matter, 'properties', 'department'),
  questionText: maxLengthAt(logic, '$defs', 'Question', 'properties', 'text'),
  questionHelp: maxLengthAt(logic, '$defs', 'Question', 'properties', 'help'),
  optionLabel: maxLengthAt(dictionary, '$defs', 'option', 'properties', 'label'),
  groupLabel: maxLengthAt(logic, '$defs', 'MatterGroup', 'properties', 'label'),
  ruleMessage: maxLengthAt(logic, '$defs', 'Rule', 'properties', 'message'),
  ruleBasis: maxLengthAt(logic, '$defs', 'Rule', 'properties', 'basis'),
  ruleCondition: maxLengthAt(logic, '$defs', 'Rule', 'properties', 'condition'),
  caseLabel: maxLengthAt(logic, '$defs', 'RuleCase', 'properties', 'label'),
  logicText: maxLengthAt(logic, '$defs', 'ValueTest', 'properties', 'equals'),
} as const;
