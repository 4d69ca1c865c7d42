/**
 * The TypeScript types of the model and the API cannot drift from the JSON Schemas they
 * describe: each is held against its schema property by property, value by value.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTRACT_SCHEMAS } from '../../../schemas/index.ts';
import { SchemaResolver, TypeChecker } from '../../support/schema-vs-types.ts';

const checker = new TypeChecker(
  join(import.meta.dirname, '..', '..', '..', 'schemas', 'index.ts'),
  new SchemaResolver(CONTRACT_SCHEMAS as Record<string, Record<string, unknown>>),
);

/** Authored document types and where their schema is. */
const DOCUMENTS: [string, string][] = [
  ['Dictionary', 'dictionary#'],
  ['DictionarySection', 'dictionary#/$defs/section'],
  ['DictionaryElement', 'dictionary#/$defs/element'],
  ['FieldConstraints', 'dictionary#/$defs/constraints'],
  ['FieldOption', 'dictionary#/$defs/option'],
  ['FieldType', 'dictionary#/$defs/fieldType'],
  ['FieldFormat', 'dictionary#/$defs/format'],
  ['MaterialsDictionary', 'materials#'],
  ['MaterialDefinition', 'materials#/$defs/material'],
  ['MaterialKind', 'materials#/$defs/kind'],
  ['Matter', 'matter#'],
  ['MatterKind', 'matter#/$defs/kind'],
  ['Target', 'matter#/$defs/target'],
  ['Necessity', 'matter#/$defs/necessity'],
  ['MaterialForm', 'matter#/$defs/form'],
  ['MatterFieldRef', 'matter#/$defs/fieldRef'],
  ['MatterLocalField', 'matter#/$defs/localField'],
  ['MatterMaterial', 'matter#/$defs/material'],
  ['MatterResult', 'matter#/$defs/result'],
  ['Bundle', 'bundle#'],
  ['Scenario', 'bundle#/$defs/scenario'],
  ['BundleItem', 'bundle#/$defs/item'],
  ['FlowEdge', 'bundle#/$defs/edge'],
  ['GuidingQuestion', 'bundle#/$defs/guide'],
  ['FieldOverride', 'bundle#/$defs/fieldOverride'],
  ['Mode', 'bundle#/$defs/mode'],
  ['Selection', 'bundle#/$defs/selection'],
  ['Variant', 'variant#'],
  ['VariantOperation', 'variant#/$defs/operation'],
  ['Anchor', 'variant#/$defs/anchor'],
  ['WorkCalendar', 'calendar#'],
  ['DerivingOperation', 'dictionary#/$defs/derivingOperation'],
  ['Condition', 'logic#/$defs/Condition'],
  ['ValueTest', 'logic#/$defs/ValueTest'],
  ['AnswerCondition', 'logic#/$defs/AnswerCondition'],
  ['FieldValueCondition', 'logic#/$defs/FieldValueCondition'],
  ['MatterCondition', 'logic#/$defs/MatterCondition'],
  ['QuestionKind', 'logic#/$defs/QuestionKind'],
  ['Question', 'logic#/$defs/Question'],
  ['EffectMaterial', 'logic#/$defs/EffectMaterial'],
  ['ScenarioEffect', 'logic#/$defs/ScenarioEffect'],
  ['MatterGroup', 'logic#/$defs/MatterGroup'],
  ['FieldCondition', 'logic#/$defs/FieldCondition'],
  ['JsonLogic', 'logic#/$defs/JsonLogic'],
  ['RuleCase', 'logic#/$defs/RuleCase'],
  ['RuleSeverity', 'logic#/$defs/RuleSeverity'],
  ['Rule', 'logic#/$defs/Rule'],
  ['MatterDependency', 'logic#/$defs/MatterDependency'],
];

/** Definitions of the API that only one route reads or writes, as a literal (no TypeScript type is shared). */
const LITERAL_ONLY = new Set([
  'LoginRequest',
  'PasswordChange',
  'PasswordReset',
  'UserChange',
  'NewUser',
  'NewVersionRequest',
  'StateChangeRequest',
  'CompileRequest',
  'Application',
  'Health',
  'Readiness',
  'RegionSummary',
  'DiffSide',
  'DiffResponse',
  'LoginResponse',
]);
/** Definitions whose TypeScript type has another name. */
const RENAMED: Record<string, string> = {
  PublishedCalendar: 'PublishedCalendarView',
  PublishedParameters: 'PublishedParametersView',
  Problem: 'Problem',
  GuideScenario: '',
  GuideMatter: '',
};

const contractDefs = (file: 'compiled' | 'api') =>
  Object.keys(CONTRACT_SCHEMAS[file].$defs as object)
    .filter((d) => !LITERAL_ONLY.has(d) && RENAMED[d] !== '')
    .map((d) => [RENAMED[d] ?? d, `${file}#/$defs/${d}`] as [string, string]);

describe('TypeScript types and JSON Schemas', () => {
  it.each([...DOCUMENTS, ['CompiledBundle', 'compiled#'], ...contractDefs('compiled'), ...contractDefs('api')])(
    '%s matches %s',
    (type, ref) => {
      expect(checker.compare(type, ref)).toEqual([]);
    },
  );

  it('notices a drift', () => {
    // the checker is not lenient: a type held against another schema reports each difference
    expect(checker.compare('FlowEdge', 'bundle#/$defs/guide')).toEqual(
      expect.arrayContaining(['FlowEdge.question: in the schema, not in the type', 'FlowEdge.before: in the type, not in the schema']),
    );
    expect(checker.compare('Mode', 'bundle#/$defs/selection')).toEqual([expect.stringContaining('values differ')]);
  });
});
