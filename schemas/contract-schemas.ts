/**
 * Every JSON Schema of the contract: the authored documents, the compiled bundle and the
 * API's requests and responses. The OpenAPI document embeds these; tests hold the
 * TypeScript types against them.
 */
import api from './api.schema.json' with { type: 'json' };
import compiled from './compiled.schema.json' with { type: 'json' };
import { DOCUMENT_SCHEMAS, SHARED_SCHEMAS, type SchemaKind } from './validate-documents.ts';

/** The name of each schema file (`<name>.schema.json`) and its schema. */
export const CONTRACT_SCHEMAS: Record<SchemaKind | 'logic' | 'compiled' | 'api', Record<string, unknown>> = {
  ...DOCUMENT_SCHEMAS,
  ...SHARED_SCHEMAS,
  compiled,
  api,
};
