/**
 * JSON Logic turned once into a tree of closures, so a rule checked on every application does
 * not walk and dispatch its JSON each time. The semantics are json-logic-js's, operation for
 * operation (the reference implementation stays the judge: a differential test runs both on
 * every shipped rule and on random ones); what is not compiled here — `missing`, `missing_some`,
 * and any operation a rule may not use — is handed to json-logic-js itself, node and all.
 * Nothing is generated as source text: a closure per node, as safe as interpreting.
 */
import jsonLogic from 'json-logic-js';

/** A compiled expression: its value for `data`. */
export type Evaluate = (data: unknown) => unknown;

/** JSON Logic's truthiness: an empty array is false. */
export const truthy = (value: unknown): boolean => (Array.isArray(value) && value.length === 0 ? false : !!value);

const isLogic = (logic: unknown): logic is Record<string, unknown> =>
  typeof logic === 'object' && logic !== null && !Array.isArray(logic) && Object.keys(logic).length === 1;

type Operation = (args: unknown[], data: unknown) => unknown;

/** The operations evaluated from their evaluated arguments, as json-logic-js defines them. */
const OPERATIONS: Record<string, Operation> = {
  // JSON Logic's == and != are JavaScript's loose ones
  // eslint-disable-next-line eqeqeq
  '==': ([a, b]) => a == b,
  '===': ([a, b]) => a === b,
  // eslint-disable-next-line eqeqeq
  '!=': ([a, b]) => a != b,
  '!==': ([a, b]) => a !== b,
  '>': ([a, b]) => (a as number) > (b as number),
  '>=': ([a, b]) => (a as number) >= (b as number),
  '<': ([a, b, c]) => (c === undefined ? (a as number) < (b as number) : (a as number) < (b as number) && (b as number) < (c as number)),
  '<=': ([a, b, c]) =>
    c === undefined ? (a as number) <= (b as number) : (a as number) <= (b as number) && (b as number) <= (c as number),
  '!!': ([a]) => truthy(a),
  '!': ([a]) => !truthy(a),
  '%': ([a, b]) => (a as number) % (b as number),
  in: ([a, b]) => {
    if (!b || typeof (b as { indexOf?: unknown }).indexOf === 'undefined') return false;
    return (b as { indexOf: (x: unknown) => number }).indexOf(a) !== -1;
  },
  cat: (args) => args.join(''),
  substr: ([source, start, end]) => {
    if ((end as number) < 0) {
      const rest = String(source).substr(start as number);
      return rest.substr(0, rest.length + (end as number));
    }
    return String(source).substr(start as number, end as number);
  },
  '+': (args) => args.reduce<number>((a, b) => parseFloat(a as unknown as string) + parseFloat(b as string), 0),
  // no initial value: no arguments throws, one is returned as it is
  '*': (args) => args.reduce((a, b) => parseFloat(a as string) * parseFloat(b as string)),
  '-': ([a, b]) => (b === undefined ? -(a as number) : (a as number) - (b as number)),
  '/': ([a, b]) => (a as number) / (b as number),
  min: (args) => Math.min(...(args as number[])),
  max: (args) => Math.max(...(args as number[])),
  var: ([path, fallback], data) => valueAt(data, path, fallback),
};

/** `var`: the value at a dotted path of `data`, or the fallback (null without one). */
function valueAt(data: unknown, path: unknown, fallback: unknown, parts?: string[]): unknown {
  const notFound = fallback === undefined ? null : fallback;
  if (path === undefined || path === '' || path === null) return data;
  let at = data;
  for (const part of parts ?? String(path).split('.')) {
    if (at === null || at === undefined) return notFound;
    at = (at as Record<string, unknown>)[part];
    if (at === undefined) return notFound;
  }
  return at;
}

/**
 * Compiles `logic` with the domain operations in `domain` (called with the evaluated arguments).
 * The result is evaluated exactly as `jsonLogic.apply(logic, data)` would be, errors included.
 */
export function compileLogic(logic: unknown, domain: Readonly<Record<string, (...args: unknown[]) => unknown>>): Evaluate {
  const compile = (node: unknown): Evaluate => {
    if (Array.isArray(node)) {
      const items = node.map(compile);
      return (data) => items.map((item) => item(data));
    }
    if (!isLogic(node)) return () => node;
    const op = Object.keys(node)[0]!;
    const raw = node[op];
    const values = Array.isArray(raw) ? raw : [raw];
    if (op === 'if' || op === '?:') {
      const parts = values.map(compile);
      return (data) => {
        let i = 0;
        for (; i < parts.length - 1; i += 2) if (truthy(parts[i]!(data))) return parts[i + 1]!(data);
        return parts.length === i + 1 ? parts[i]!(data) : null;
      };
    }
    if (op === 'and' || op === 'or') {
      const parts = values.map(compile);
      const stopWhen = op === 'or';
      return (data) => {
        let current: unknown;
        for (const part of parts) {
          current = part(data);
          if (truthy(current) === stopWhen) return current;
        }
        return current;
      };
    }
    if (op === 'var' && values.length <= 2 && !values.some((v) => isLogic(v) || Array.isArray(v))) {
      // the common case, a constant path: split once
      const [path, fallback] = values;
      const parts = path === undefined || path === '' || path === null ? undefined : String(path).split('.');
      return (data) => valueAt(data, path, fallback, parts);
    }
    const operation = Object.hasOwn(OPERATIONS, op) ? OPERATIONS[op] : Object.hasOwn(domain, op) ? undefined : null;
    if (operation === null) return (data) => jsonLogic.apply(node as never, data as never); // the reference decides
    const args = values.map(compile);
    if (operation)
      return (data) =>
        operation(
          args.map((arg) => arg(data)),
          data,
        );
    const fn = domain[op]!;
    return (data) => fn(...args.map((arg) => arg(data)));
  };
  return compile(logic);
}
