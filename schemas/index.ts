/** Public surface of the pure model: documents and their lifecycle, the compiler, per-selection queries, the API contract. */
export * from './types.ts';
export * from './logic-types.ts';
export * from './compiled-types.ts';
export * from './diagnostics.ts';
export * from './api.ts';
export * from './documents.ts';
export * from './lifecycle.ts';
export * from './labels.ts';
export * from './regions.ts';
export { compileBundle } from './compile.ts';
export { compileDraft, compileForRegion, variantBase, type Draft } from './drafts.ts';
export { namesOf, variantFor } from './resolve-variant.ts';
export { applyVariant, applyOperation, CODES, operationLoc, startApplying, type AppliedVariant, type Names } from './variant.ts';
export {
  emptyRanges,
  validateDocument,
  DOCUMENT_SCHEMAS,
  REFERENCED_SCHEMAS,
  SHARED_SCHEMAS,
  type SchemaKind,
} from './validate-documents.ts';
export { createAjv, ANNOTATION_KEYWORDS, isValidDate, isValidDateTime, namedFormats, STANDALONE_FORMATS } from './ajv.ts';
export { describeErrors, describeError, type FieldError } from './error-messages.ts';
export { FORMATS, formatValidators, isValidIdNumber, isValidUscc } from './formats.ts';
export { deadline, isWorkingDay, prepareCalendar, uncoveredYears, type PreparedCalendar } from './calendar.ts';
export { criticalPath, findCycle, reachability, scenarioEdges, stages, topologicalOrder } from './flow.ts';
export { checklistFor, materialRequests, remedyNote } from './materials.ts';
export { mergeFields, matterSectionKey } from './merge-fields.ts';
export { emitSchema, applicationSchemaId, fieldSchema } from './emit-schema.ts';
export { emitUiSchema } from './emit-ui-schema.ts';
export * from './selection.ts';
export { stableStringify } from './stable-json.ts';
export { exampleApplication, exampleValue, exampleView, withIdCheck, withUsccCheck } from './example.ts';
export { CHANGE_KINDS, diffCompiled, documentChanges, type BusinessChange } from './diff.ts';
export { rebaseVariant, acceptRebase, type RebaseResult, type RebaseOutcome } from './rebase.ts';
export { CONTRACT_SCHEMAS } from './contract-schemas.ts';
export { patternProblem, re2RegExp, toRe2Syntax } from './safe-pattern.ts';
export { TEXT_LIMITS } from './text-limits.ts';
export { documentFieldName } from './document-fields.ts';
export { interpretedValidator, type InterpretedValidator } from './interpreted-validation.ts';
export {
  bothOf,
  conditionRefs,
  conditionSchema,
  describeCondition,
  fieldPath,
  holds,
  passes,
  type ApplicationData,
  type ConditionWords,
} from './conditions.ts';
export {
  brokenRules,
  compileRule,
  compileRuleLogic,
  DOMAIN_OPERATIONS,
  LOGIC_OPERATIONS,
  PARAMETER_OPERATION,
  citesArticle,
  logicHolds,
  logicParameters,
  logicProblems,
  logicVars,
  withValue,
  type CompiledRule,
  type DomainOperation,
  type RuleBreach,
} from './rules.ts';
export {
  asRoster,
  DEFAULT_ROSTER_MAX,
  duplicateEmployees,
  fieldPointer,
  sectionSchema,
  rosterRows,
  rosterSectionKeys,
  rowName,
  rowPath,
  rowView,
  ROSTER_KEY,
  ROSTER_LABEL,
} from './roster.ts';
export * as domainOps from './domain-ops.ts';
export { derivedValues, withDerived, type DerivationPolicy } from './field-logic.ts';
export * from './parameters.ts';
export * from './policy.ts';
export { questionSchema, questionsOf } from './emit-schema.ts';
export { acceptanceDay, calendarWarnings, lastPlannableDay } from './calendar.ts';
export { dependencyEdges } from './compile-scenario.ts';
export { stableTopologicalOrder } from './flow.ts';
export { CASE_DATE, caseApplication, ruleScenario } from './check-logic.ts';
export { caseNames, caseOutcome, outcomeChanges, recordOutcomes, runCases, verdictWords, type CaseNames } from './golden-cases.ts';
export {
  impactOf,
  impactOfAll,
  impactSteps,
  reachedBundles,
  withDocument,
  type BundleImpact,
  type ChangedDocument,
  type RegionImpact,
} from './impact.ts';
export { MAX_PATHS, simulate, type Coverage, type SimulationReport, type Spread } from './simulation.ts';
export { REDUCTION_COLUMNS, reductionCells, reductionRows, toCsv, type ReductionRow } from './reductions-table.ts';
export * from './service.ts';
export { matterOwnProblems, matterProblems, paperOriginal } from './resolve-matters.ts';
export { documentOwnProblems } from './own-problems.ts';
export { isPlainText, normalizeText, visibleText } from './plain-text.ts';
export * from './catalog-changes.ts';
export * from './pattern-builder.ts';
export * from './calendar-text.ts';
export * from './catalog-sheets.ts';
export { catalogIndex, type CatalogIndex } from './catalog-index.ts';
