/** Public surface of the pure model: types, compiler and per-selection queries. */
export * from './types.ts';
export * from './compiled-types.ts';
export * from './diagnostics.ts';
export { compileBundle, variantFor } from './compile.ts';
export { applyVariant } from './variant.ts';
export { validateDocument, DOCUMENT_SCHEMAS, type DocumentKind } from './validate-documents.ts';
export { createAjv, ANNOTATION_KEYWORDS, isValidDate } from './ajv.ts';
export { describeErrors, describeError, type FieldError } from './error-messages.ts';
export { FORMATS, formatValidators, isValidIdNumber, isValidUscc } from './formats.ts';
export { deadline, isWorkingDay, prepareCalendar, uncoveredYears, type PreparedCalendar } from './calendar.ts';
export { criticalPath, findCycle, reachability, scenarioEdges, stages, topologicalOrder } from './flow.ts';
export { checklistFor, materialRequests } from './materials.ts';
export { mergeFields, matterSectionKey } from './merge-fields.ts';
export { emitSchema, applicationSchemaId, fieldSchema } from './emit-schema.ts';
export { emitUiSchema } from './emit-ui-schema.ts';
export { modeText } from './guide.ts';
export * from './selection.ts';
export { stableStringify } from './stable-json.ts';
