/**
 * Step 2: a city's variant applied to the provincial bundle. The variant is a list of
 * operations, never a copy; each one either applies or is reported as `variant.conflict`,
 * never silently dropped. Guardrails: locked items do not change, required provincial
 * matters stay, selections only tighten, promised days only go down.
 */
import { diagnostic, pointer, type Diagnostic, type DiagnosticLoc } from './diagnostics.ts';
import type { Anchor, Bundle, FlowEdge, MatterLocalField, MatterMaterial, Scenario, Variant, VariantOperation } from './types.ts';

/** How messages name what operations refer to: matters and materials by their Chinese names where known. */
export interface Names {
  matter(code: string): string;
  material(id: string): string;
}

/** Names that are the codes themselves (when no catalog is at hand). */
export const CODES: Names = { matter: (code) => code, material: (id) => id };

/** The bundle as the city sees it, plus what operations add outside the bundle document. */
export interface AppliedVariant {
  bundle: Bundle;
  extraFields: { matter: string; field: MatterLocalField }[];
  extraMaterials: { matter: string; material: MatterMaterial }[];
  notes: string[];
  /** The city's choice about trial runs of this bundle, when it made one. */
  pilot: boolean | null;
  diagnostics: Diagnostic[];
  /** How this application's messages name things. */
  names: Names;
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Serial chains become explicit edges, so a matter can be placed beside another. */
function explicitFlow(s: Scenario): void {
  if (s.mode !== 'serial') return;
  const chain: FlowEdge[] = [];
  for (let i = 1; i < s.items.length; i++) chain.push({ before: s.items[i - 1]!.matter, after: s.items[i]!.matter });
  s.edges = [...chain, ...(s.edges ?? [])];
  s.mode = 'parallel';
}

function insertItem(
  s: Scenario,
  op: Extract<VariantOperation, { op: 'addItem' }>,
  anchor: Anchor | undefined,
  names: Names,
): string | null {
  const item = { matter: op.matter, selection: op.selection };
  if (!anchor) {
    s.items.push(item);
    return null;
  }
  const target = 'after' in anchor ? anchor.after : 'before' in anchor ? anchor.before : anchor.parallelTo;
  const at = s.items.findIndex((i) => i.matter === target);
  if (at < 0) return `本市事项所挂靠的「${names.matter(target)}」已不在办事情形「${s.label}」中`;
  if ('parallelTo' in anchor) {
    explicitFlow(s);
    const edges = s.edges ?? [];
    const added = [
      ...edges.filter((e) => e.after === target).map((e) => ({ before: e.before, after: op.matter })),
      ...edges.filter((e) => e.before === target).map((e) => ({ before: op.matter, after: e.after })),
    ];
    s.edges = [...edges, ...added];
    s.items.splice(at + 1, 0, item);
  } else if ('after' in anchor) {
    s.items.splice(at + 1, 0, item);
    if (s.mode !== 'serial') (s.edges ??= []).push({ before: target, after: op.matter });
  } else {
    s.items.splice(at, 0, item);
    if (s.mode !== 'serial') (s.edges ??= []).push({ before: op.matter, after: target });
  }
  return null;
}

/** Removing a matter keeps the order of the others: its predecessors now precede its successors. */
function removeItem(s: Scenario, matter: string): void {
  explicitFlow(s);
  const edges = s.edges ?? [];
  const preds = edges.filter((e) => e.after === matter).map((e) => e.before);
  const succs = edges.filter((e) => e.before === matter).map((e) => e.after);
  s.edges = [
    ...edges.filter((e) => e.before !== matter && e.after !== matter),
    ...preds.flatMap((before) => succs.map((after) => ({ before, after }))),
  ];
  s.items = s.items.filter((i) => i.matter !== matter);
  if (s.layout) delete s.layout[matter];
}

/** Applies one operation to `out`; returns a conflict text (Chinese) or null. */
export function applyOperation(out: AppliedVariant, op: VariantOperation): string | null {
  const bundle = out.bundle;
  const name = (code: string) => `「${out.names.matter(code)}」`;
  const scenario = 'scenario' in op && op.scenario ? bundle.scenarios.find((s) => s.id === op.scenario) : undefined;
  if ('scenario' in op && op.scenario && !scenario) return `办事情形「${op.scenario}」已不存在`;
  switch (op.op) {
    case 'addItem': {
      if (scenario!.items.some((i) => i.matter === op.matter)) return `事项${name(op.matter)}已在办事情形「${scenario!.label}」中`;
      return insertItem(scenario!, op, op.anchor, out.names);
    }
    case 'removeItem': {
      const item = scenario!.items.find((i) => i.matter === op.matter);
      if (!item) return `事项${name(op.matter)}不在办事情形「${scenario!.label}」中`;
      if (item.locked) return `事项${name(op.matter)}已被省级锁定，不能删除`;
      if (item.selection === 'required') return `事项${name(op.matter)}是省级必选事项，不能删除`;
      removeItem(scenario!, op.matter);
      return null;
    }
    case 'setSelection': {
      const item = scenario!.items.find((i) => i.matter === op.matter);
      if (!item) return `事项${name(op.matter)}不在办事情形「${scenario!.label}」中`;
      if (item.locked) return `事项${name(op.matter)}已被省级锁定，不能修改`;
      if (item.selection === 'required' && op.selection === 'optional') return `事项${name(op.matter)}是省级必选事项，不能改为可选`;
      item.selection = op.selection;
      return null;
    }
    case 'tightenDays': {
      const current = scenario?.promisedDays ?? bundle.promisedDays;
      if (current !== undefined && op.days > current) return `承诺时限只能缩短：${op.days} 个工作日长于省级的 ${current} 个工作日`;
      if (scenario) scenario.promisedDays = op.days;
      else {
        bundle.promisedDays = op.days;
        for (const s of bundle.scenarios) if (s.promisedDays !== undefined && s.promisedDays > op.days) s.promisedDays = op.days;
      }
      return null;
    }
    case 'relabelScenario':
      scenario!.label = op.label;
      return null;
    case 'relabelField': {
      const overrides = (bundle.fieldOverrides ??= []);
      const existing = overrides.find((o) => o.field === op.field);
      if (existing) existing.label = op.label;
      else overrides.push({ field: op.field, label: op.label });
      return null;
    }
    case 'addLocalField': {
      if (!bundle.scenarios.some((s) => s.items.some((i) => i.matter === op.matter))) return `事项${name(op.matter)}不在本一件事中`;
      if (out.extraFields.some((e) => e.matter === op.matter && e.field.local.id === op.field.local.id))
        return `事项${name(op.matter)}已有地方字段「${op.field.local.label}」`;
      out.extraFields.push({ matter: op.matter, field: op.field });
      return null;
    }
    case 'addLocalMaterial': {
      if (!bundle.scenarios.some((s) => s.items.some((i) => i.matter === op.matter))) return `事项${name(op.matter)}不在本一件事中`;
      out.extraMaterials.push({ matter: op.matter, material: op.material });
      return null;
    }
    case 'addNote':
      out.notes.push(op.text);
      return null;
    case 'pilot':
      out.pilot = op.participate;
      return null;
  }
}

/** A fresh result to apply operations onto. */
export function startApplying(base: Bundle, region: string, names: Names = CODES): AppliedVariant {
  const out: AppliedVariant = { bundle: clone(base), extraFields: [], extraMaterials: [], notes: [], pilot: null, diagnostics: [], names };
  out.bundle.region = region;
  return out;
}

/** Where an operation acts: its index, and its scenario and matter when it names them. */
export function operationLoc(op: VariantOperation, operation: number): DiagnosticLoc {
  const loc: DiagnosticLoc = { operation };
  if ('scenario' in op && op.scenario) loc.scenario = op.scenario;
  if ('matter' in op) loc.matter = op.matter;
  if (op.op === 'relabelField') loc.field = op.field;
  return loc;
}

/** Applies a city's variant to the provincial bundle; the inputs are not modified. */
export function applyVariant(base: Bundle, variant: Variant, names: Names = CODES): AppliedVariant {
  const doc = `variant:${variant.id}`;
  const out = startApplying(base, variant.region, names);
  if (variant.baseVersion !== base.version) {
    out.diagnostics.push(
      diagnostic('variant.base-moved', doc, pointer('baseVersion'), { base: variant.baseVersion, current: base.version }),
    );
  }
  variant.operations.forEach((op, i) => {
    const conflict = applyOperation(out, op);
    if (conflict)
      out.diagnostics.push(diagnostic('variant.conflict', doc, pointer('operations', i), { detail: conflict }, operationLoc(op, i)));
  });
  return out;
}
