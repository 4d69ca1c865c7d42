/**
 * The contract's JSON Schemas as OpenAPI components: each file's root and each of its
 * `$defs` becomes one component, and every `$ref` between files is rewritten to point at
 * the component, so the document is self-contained (no reference leaves it).
 */
import { CONTRACT_SCHEMAS } from '../../schemas/index.ts';

type Schema = Record<string, unknown>;
type FileName = keyof typeof CONTRACT_SCHEMAS;

/** Component names of the files' roots; `api.schema.json` holds only named definitions, and the shipped regions file is no payload. */
const ROOT_NAMES: Record<FileName, string | null> = {
  dictionary: 'Dictionary',
  materials: 'MaterialsDictionary',
  calendar: 'WorkCalendar',
  parameters: 'PolicyParameters',
  matter: 'Matter',
  bundle: 'Bundle',
  variant: 'Variant',
  regions: null,
  logic: null,
  compiled: 'CompiledBundle',
  api: null,
};

/** Definitions of the contract files are named for themselves; a document's parts after it (`Bundle.scenario`). */
const OWN_NAMES: ReadonlySet<FileName> = new Set(['logic', 'compiled', 'api']);

/** The component name of a definition of `file`. */
export function componentName(file: FileName, def?: string): string {
  if (def === undefined) return ROOT_NAMES[file] ?? file;
  return OWN_NAMES.has(file) ? def : `${ROOT_NAMES[file]}.${def}`;
}

const ref = (name: string) => `#/components/schemas/${name}`;

/** The file a `$ref` names (`bundle.schema.json` → bundle), or the current one. */
function fileOf(target: string, current: FileName): FileName {
  if (!target) return current;
  const name = target.replace(/^.*\//, '').replace(/\.schema\.json$/, '');
  if (!(name in CONTRACT_SCHEMAS)) throw new Error(`schema reference to an unknown file: ${target}`);
  return name as FileName;
}

/** A `$ref` of `current` rewritten into the document. */
function rewriteRef(value: string, current: FileName): string {
  const [target = '', pointer = ''] = value.split('#');
  const file = fileOf(target, current);
  const def = /^\/\$defs\/([^/]+)(.*)$/.exec(pointer);
  if (def) return ref(componentName(file, def[1])) + def[2];
  return ref(componentName(file)) + pointer;
}

/** A schema of `file` with its references rewritten; at a root, its identity and definitions are left out (they become components). */
function rewrite(node: unknown, file: FileName, root = false): unknown {
  if (Array.isArray(node)) return node.map((n) => rewrite(n, file));
  if (!node || typeof node !== 'object') return node;
  const out: Schema = {};
  for (const [k, v] of Object.entries(node)) {
    if (root && (k === '$id' || k === '$schema' || k === '$defs')) continue;
    out[k] = k === '$ref' && typeof v === 'string' ? rewriteRef(v, file) : rewrite(v, file);
  }
  return out;
}

/** Every schema of the contract as `components.schemas`. */
export function schemaComponents(): Record<string, Schema> {
  const out: Record<string, Schema> = {};
  for (const [file, schema] of Object.entries(CONTRACT_SCHEMAS) as [FileName, Schema][]) {
    if (file === 'regions') continue;
    if (ROOT_NAMES[file]) out[componentName(file)] = rewrite(schema, file, true) as Schema;
    for (const [def, sub] of Object.entries((schema.$defs ?? {}) as Record<string, Schema>))
      out[componentName(file, def)] = rewrite(sub, file, true) as Schema;
  }
  return out;
}
