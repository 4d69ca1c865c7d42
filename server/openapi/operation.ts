/**
 * The operations the OpenAPI document describes, as data: who may call each, its
 * parameters, request body, success response and the problems it really answers with.
 * The runtime's and the studio's operations are listed in their own files.
 */
import { DOCUMENT_KINDS, PROVINCE } from '../../schemas/index.ts';
import { componentName } from './components.ts';

export type Json = Record<string, unknown>;

/** A reference to a schema component. */
export const schema = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
/** An array of a schema component. */
export const arrayOf = (name: string): Json => ({ type: 'array', items: schema(name) });

/** Who may call an operation: anyone, a signed-in user, or a signed-in user writing (CSRF token too). */
export type Access = 'public' | 'session' | 'write';
export const SECURITY: Record<Access, Json[]> = { public: [], session: [{ session: [] }], write: [{ session: [], csrf: [] }] };

export interface Operation {
  id: string;
  tag: 'runtime' | 'auth' | 'documents' | 'lifecycle' | 'variants' | 'admin';
  summary: string;
  description: string;
  access: Access;
  params?: Json[];
  body?: { schema: Json; description: string; type?: string };
  /** The success status, its schema (or none) and content type. */
  ok: { status: number; description: string; schema?: Json; type?: string; cached?: boolean };
  /** The problem statuses the operation answers with. */
  problems: number[];
}

export const path = (name: string, description: string, example: string): Json => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
  example,
});
export const query = (name: string, description: string, schemaOf: Json, example?: string): Json => ({
  name,
  in: 'query',
  required: false,
  description,
  schema: schemaOf,
  ...(example === undefined ? {} : { example }),
});
export const REGION = path('region', `行政区划代码（江苏省 ${PROVINCE}，设区市 320100–321300）`, PROVINCE);
export const REF = path('ref', '一件事标识，或 id@版本号 固定某一版本', 'unemployment');
export const KIND = {
  ...path('kind', `文档类型：${DOCUMENT_KINDS.join('、')}`, 'matter'),
  schema: { type: 'string', enum: [...DOCUMENT_KINDS] },
};
export const ID = path('id', '文档标识：事项编码、一件事或地方版本的标识；字典与日历为其类型名', 'JSRS-JY-0101');
export const BUNDLE_ID = path('id', '一件事标识', 'unemployment');
export const VERSION = path('version', '版本号', '1');
export const DOCUMENT_ID = path('id', '有独立发布的文档的标识（工作日历为 calendar）', 'calendar');

/** A document body of any kind. */
export const ANY_DOCUMENT: Json = {
  anyOf: ['dictionary', 'materials', 'calendar', 'parameters', 'matter', 'bundle', 'variant'].map((f) =>
    schema(componentName(f as 'bundle')),
  ),
};
