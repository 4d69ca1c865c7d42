/**
 * Holds a TypeScript type against a JSON Schema, structurally: the same properties, the
 * same required ones, the same literal values, the same element and member shapes. The
 * TypeScript side is read with the compiler's type checker; the schema side resolves
 * `$ref` (with its siblings), `allOf`, `oneOf` and `anyOf`. Returns every difference, each
 * with the path where it is, so a drift names its place.
 */
import ts from 'typescript';

type Json = Record<string, unknown>;

/** A schema normalised for comparison. */
type Shape =
  | { kind: 'any' }
  | { kind: 'literal'; values: Set<string | number | boolean>; nullable: boolean }
  | { kind: 'primitive'; type: 'string' | 'number' | 'boolean'; nullable: boolean }
  | { kind: 'primitives'; types: Set<'string' | 'number' | 'boolean'>; nullable: boolean }
  | { kind: 'array'; items: Json; nullable: boolean }
  | { kind: 'object'; props: Map<string, Json>; required: Set<string>; additional: Json | null; nullable: boolean }
  | { kind: 'union'; options: Json[]; nullable: boolean };

/** Resolves schema references across the contract's files. */
export class SchemaResolver {
  private readonly files: Record<string, Json>;

  constructor(files: Record<string, Json>) {
    this.files = files;
  }

  /** The schema a reference names, relative to `file`; returns it with the file it lives in. */
  resolve(ref: string, file: string): { node: Json; file: string } {
    const [target = '', pointer = ''] = ref.split('#');
    const name = target ? target.replace(/\.schema\.json$/, '') : file;
    let node: unknown = this.files[name];
    for (const part of pointer.split('/').filter(Boolean)) node = (node as Json)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    if (!node) throw new Error(`unresolved $ref ${ref} in ${file}`);
    return { node: node as Json, file: name };
  }

  /** The shape of a schema node of `file`. */
  shape(node: Json, file: string): { shape: Shape; file: string } {
    let merged: Json = { ...node };
    let at = file;
    // $ref with siblings: the referenced schema's properties and required join the node's own
    while (typeof merged.$ref === 'string') {
      const { $ref, ...rest } = merged;
      const target = this.resolve($ref as string, at);
      at = target.file;
      merged = mergeSchemas(target.node, rest);
    }
    for (const part of (merged.allOf as Json[] | undefined) ?? []) {
      const inner = typeof part.$ref === 'string' ? this.resolve(part.$ref, at) : { node: part, file: at };
      merged = mergeSchemas(inner.node, { ...merged, allOf: undefined });
      at = inner.file;
    }
    const variants = (merged.oneOf ?? merged.anyOf) as Json[] | undefined;
    if (variants) {
      const options = variants.filter((v) => v.type !== 'null');
      const nullable = options.length < variants.length;
      if (options.length === 1) {
        const inner = this.shape(options[0]!, at);
        return { shape: { ...inner.shape, nullable } as Shape, file: inner.file };
      }
      if (options.every((o) => 'const' in o))
        return { shape: { kind: 'literal', values: new Set(options.map((o) => o.const as string)), nullable }, file: at };
      return { shape: { kind: 'union', options, nullable }, file: at };
    }
    const types = ([] as unknown[]).concat(merged.type ?? []) as string[];
    const nullable = types.includes('null');
    const type = types.find((t) => t !== 'null');
    if ('const' in merged) return { shape: { kind: 'literal', values: new Set([merged.const as string]), nullable }, file: at };
    const plain = types.filter((t) => t !== 'null');
    if (plain.length > 1 && plain.every((t) => ['string', 'number', 'integer', 'boolean'].includes(t)) && !merged.enum) {
      const set = new Set(plain.map((t) => (t === 'integer' ? 'number' : t)) as ('string' | 'number' | 'boolean')[]);
      return { shape: { kind: 'primitives', types: set, nullable }, file: at };
    }
    if (Array.isArray(merged.enum)) return { shape: { kind: 'literal', values: new Set(merged.enum as string[]), nullable }, file: at };
    if (type === 'array') return { shape: { kind: 'array', items: (merged.items ?? {}) as Json, nullable }, file: at };
    if (type === 'object' || merged.properties) {
      const props = new Map(Object.entries((merged.properties ?? {}) as Record<string, Json>).filter(([k]) => k !== '$schema'));
      const additional =
        typeof merged.additionalProperties === 'object'
          ? (merged.additionalProperties as Json)
          : merged.additionalProperties === true
            ? {}
            : null;
      return { shape: { kind: 'object', props, required: new Set((merged.required ?? []) as string[]), additional, nullable }, file: at };
    }
    if (type === 'string') return { shape: { kind: 'primitive', type: 'string', nullable }, file: at };
    if (type === 'integer' || type === 'number') return { shape: { kind: 'primitive', type: 'number', nullable }, file: at };
    if (type === 'boolean') return { shape: { kind: 'primitive', type: 'boolean', nullable }, file: at };
    return { shape: { kind: 'any' }, file: at };
  }
}

/** Two schemas as one: properties and required joined, the second's keywords winning otherwise. */
function mergeSchemas(a: Json, b: Json): Json {
  const out: Json = { ...a, ...b };
  if (a.properties || b.properties) out.properties = { ...(a.properties as Json), ...(b.properties as Json) };
  if (a.required || b.required) out.required = [...new Set([...((a.required ?? []) as string[]), ...((b.required ?? []) as string[])])];
  delete out.allOf;
  if (b.allOf) out.allOf = b.allOf;
  return out;
}

/** Compares TypeScript types with schemas; one instance per program. */
export class TypeChecker {
  private readonly checker: ts.TypeChecker;
  private readonly exports = new Map<string, ts.Type>();
  private readonly resolver: SchemaResolver;
  private readonly seen = new Set<string>();

  constructor(entry: string, resolver: SchemaResolver) {
    const program = ts.createProgram([entry], {
      strict: true,
      target: ts.ScriptTarget.ES2023,
      module: ts.ModuleKind.Preserve,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      allowImportingTsExtensions: true,
      resolveJsonModule: true,
      noEmit: true,
    });
    this.checker = program.getTypeChecker();
    const source = program.getSourceFile(entry)!;
    for (const symbol of this.checker.getExportsOfModule(this.checker.getSymbolAtLocation(source)!)) {
      const target = symbol.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(symbol) : symbol;
      if (target.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias))
        this.exports.set(symbol.name, this.checker.getDeclaredTypeOfSymbol(target));
    }
    this.resolver = resolver;
  }

  /** Names of every exported type. */
  exportedTypes(): string[] {
    return [...this.exports.keys()];
  }

  /** Differences between exported type `name` and the schema at `ref` (`file#pointer`). */
  compare(name: string, ref: string): string[] {
    const type = this.exports.get(name);
    if (!type) return [`${name}: no such exported type`];
    const [file, pointer = ''] = ref.split('#');
    const node = this.resolver.resolve(`#${pointer}`, file!).node;
    const out: string[] = [];
    this.seen.clear();
    this.compareType(type, node, file!, name, out);
    return out;
  }

  private text(t: ts.Type): string {
    return this.checker.typeToString(t);
  }

  /** The type without null and undefined, and whether null was there. */
  private stripNull(t: ts.Type): { type: ts.Type | null; nullable: boolean; members: ts.Type[] } {
    const members = t.isUnion() ? t.types : [t];
    const kept = members.filter((m) => !(m.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)));
    const nullable = members.some((m) => m.flags & ts.TypeFlags.Null);
    return { type: kept.length === members.length ? t : kept.length === 1 ? kept[0]! : null, nullable, members: kept };
  }

  private compareType(t: ts.Type, node: Json, file: string, path: string, out: string[]): void {
    // a generic slot (DocumentView<T>'s body) is whatever its use makes it
    if (t.flags & ts.TypeFlags.TypeParameter) return;
    const { shape, file: at } = this.resolver.shape(node, file);
    const key = `${(t as { id?: number }).id}|${at}|${JSON.stringify(node).slice(0, 200)}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const { nullable, members } = this.stripNull(t);
    if (shape.kind === 'any') {
      if (!(t.flags & (ts.TypeFlags.Unknown | ts.TypeFlags.Any))) out.push(`${path}: schema allows anything, type is ${this.text(t)}`);
      return;
    }
    if (shape.nullable !== nullable) out.push(`${path}: ${shape.nullable ? 'schema' : 'type'} allows null, the other does not`);
    const literals = members.filter((m) => m.isLiteral() || m.flags & ts.TypeFlags.BooleanLiteral);
    const isBoolean = members.length === 2 && members.every((m) => m.flags & ts.TypeFlags.BooleanLiteral);
    if (shape.kind === 'literal') {
      if (literals.length !== members.length || isBoolean) return void out.push(`${path}: schema lists values, type is ${this.text(t)}`);
      const values = new Set(literals.map((m) => (m.isLiteral() ? (m.value as string | number) : this.text(m) === 'true')));
      const missing = [...shape.values].filter((v) => !values.has(v));
      const extra = [...values].filter((v) => !shape.values.has(v as string));
      if (missing.length || extra.length)
        out.push(`${path}: values differ (only in schema: ${missing.join(', ') || '—'}; only in type: ${extra.join(', ') || '—'})`);
      return;
    }
    if (shape.kind === 'primitive') {
      const want = shape.type === 'string' ? ts.TypeFlags.String : shape.type === 'number' ? ts.TypeFlags.Number : ts.TypeFlags.Boolean;
      const ok =
        shape.type === 'boolean'
          ? isBoolean || members.every((m) => m.flags & ts.TypeFlags.Boolean)
          : members.length === 1 && members[0]!.flags & want;
      if (!ok) out.push(`${path}: schema says ${shape.type}, type is ${this.text(t)}`);
      return;
    }
    if (shape.kind === 'primitives') {
      const kinds = new Set(
        members.map((m) =>
          m.flags & ts.TypeFlags.String
            ? 'string'
            : m.flags & ts.TypeFlags.Number
              ? 'number'
              : m.flags & ts.TypeFlags.BooleanLiteral
                ? 'boolean'
                : '?',
        ),
      );
      if (kinds.size !== shape.types.size || [...shape.types].some((k) => !kinds.has(k)))
        out.push(`${path}: schema says ${[...shape.types].join(' | ')}, type is ${this.text(t)}`);
      return;
    }
    if (shape.kind === 'union') {
      // TypeScript spells boolean as true | false: one member, as the schema's { type: boolean } is one variant
      const literals = members.filter((m) => m.flags & ts.TypeFlags.BooleanLiteral);
      const folded =
        literals.length === 2
          ? [...members.filter((m) => !(m.flags & ts.TypeFlags.BooleanLiteral)), this.checker.getBooleanType()]
          : members;
      if (folded.length !== shape.options.length)
        return void out.push(`${path}: ${shape.options.length} schema variants, ${folded.length} type members`);
      const unmatched = folded.filter((m) => !shape.options.some((o) => this.differences(m, o, at).length === 0));
      for (const m of unmatched) out.push(`${path}: type member ${this.text(m)} matches no schema variant`);
      return;
    }
    const single = members.length === 1 ? members[0]! : null;
    if (shape.kind === 'array') {
      if (!single || !this.checker.isArrayType(single)) return void out.push(`${path}: schema says array, type is ${this.text(t)}`);
      this.compareType(this.checker.getTypeArguments(single as ts.TypeReference)[0]!, shape.items, at, `${path}[]`, out);
      return;
    }
    if (!single || !(single.flags & ts.TypeFlags.Object || single.isIntersection()))
      return void out.push(`${path}: schema says object, type is ${this.text(t)}`);
    const props = this.checker.getPropertiesOfType(single);
    const index = this.checker.getIndexInfoOfType(single, ts.IndexKind.String);
    if (shape.additional && !index) out.push(`${path}: schema allows more properties, type has no index signature`);
    if (index && shape.additional) this.compareType(index.type, shape.additional, at, `${path}[*]`, out);
    const names = new Set(props.map((p) => p.name));
    for (const name of shape.props.keys()) if (!names.has(name)) out.push(`${path}.${name}: in the schema, not in the type`);
    for (const p of props) {
      const sub = shape.props.get(p.name);
      if (!sub) {
        out.push(`${path}.${p.name}: in the type, not in the schema`);
        continue;
      }
      const optional = (p.flags & ts.SymbolFlags.Optional) !== 0;
      if (optional === shape.required.has(p.name))
        out.push(
          `${path}.${p.name}: ${optional ? 'optional in the type, required in the schema' : 'required in the type, optional in the schema'}`,
        );
      this.compareType(this.checker.getTypeOfSymbol(p), sub, at, `${path}.${p.name}`, out);
    }
  }

  /** Differences of one type against one schema, without touching the current report. */
  private differences(t: ts.Type, node: Json, file: string): string[] {
    const saved = new Set(this.seen);
    const out: string[] = [];
    this.compareType(t, node, file, '', out);
    this.seen.clear();
    for (const k of saved) this.seen.add(k);
    return out;
  }
}
