/**
 * Authored patterns are decided by a ReDoS checker (recheck: automata theory, with fuzzing where
 * that cannot decide), not by a list of shapes: the exported schema's patterns run under native
 * RegExp in every front end, where an ambiguous pattern — ^(a|aa)+$, \d+\d+ — backtracks for
 * minutes on a crafted input. The server executes with RE2 either way; this protects the
 * applicants' browsers. A pattern that cannot be proved safe in time is refused too.
 */
import { createRequire } from 'node:module';
import type * as Recheck from 'recheck';

// the checker runs in this thread, in JavaScript: no native binary, no Java, and no worker of its own — its default
// synchronous backend waits on a worker with Atomics.wait and no time limit, which can hang the server
process.env.RECHECK_SYNC_BACKEND = 'pure';
process.env.RECHECK_BACKEND = 'pure';

// loaded when the first pattern is checked: a fifth of a second of every start, for a check most starts never make
let recheck: typeof Recheck | undefined;
const checker = () => (recheck ??= createRequire(import.meta.url)('recheck') as typeof Recheck);

/** The words for what a pattern would cost, by recheck's complexity. */
const COST = { exponential: '指数级', polynomial: '多项式级' } as const;

const verdicts = new Map<string, string | null>();

/** Why `pattern` may not be authored (Chinese), or null when it is safe, deciding within `ms`. Remembered per pattern. */
export function patternRisk(pattern: string, ms = 2_000): string | null {
  if (verdicts.has(pattern)) return verdicts.get(pattern)!;
  if (ms <= 0) return `格式规则「${pattern}」无法在限定时间内确认不会回溯爆炸，请简化（如用格式构造器生成）`;
  let d: ReturnType<typeof Recheck.checkSync>;
  try {
    d = checker().checkSync(pattern, '', { timeout: ms });
  } catch {
    // the checker itself failed (a pattern it cannot parse, or it gave up under load): undecided, and so refused — never a 500
    return `格式规则「${pattern}」无法在限定时间内确认不会回溯爆炸，请简化（如用格式构造器生成）`;
  }
  const risk =
    d.status === 'safe'
      ? null
      : d.status === 'vulnerable'
        ? `格式规则「${pattern}」在特定输入上会${COST[d.complexity.type as keyof typeof COST] ?? ''}回溯（ReDoS），会让申请人的浏览器卡住；请用格式构造器生成`
        : `格式规则「${pattern}」无法在限定时间内确认不会回溯爆炸，请简化（如用格式构造器生成）`;
  if (verdicts.size > 2_000) verdicts.clear();
  // an undecided pattern may be decided another time: only decisions are remembered
  if (d.status !== 'unknown') verdicts.set(pattern, risk);
  return risk;
}

/**
 * The authored patterns of a document body (every `pattern` text in it), each refused with its
 * JSON Pointer when unsafe; all of them decided within `budgetMs` (what is left undecided is refused).
 * Patterns in `accepted` (the stored document's own) are not decided again.
 */
export function patternProblems(
  body: unknown,
  budgetMs = 3_000,
  accepted: ReadonlySet<string> = new Set(),
): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  const deadline = performance.now() + budgetMs;
  const walk = (node: unknown, path: string) => {
    if (Array.isArray(node)) return node.forEach((x, i) => walk(x, `${path}/${i}`));
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      const at = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (key === 'pattern' && typeof value === 'string') {
        // a pattern the stored document already has was decided when it was saved: only new ones cost a check
        if (accepted.has(value)) continue;
        const risk = patternRisk(value, Math.floor(Math.min(2_000, deadline - performance.now())));
        if (risk) out.push({ path: at, message: risk });
      } else walk(value, at);
    }
  };
  walk(body, '');
  return out;
}

/** Every authored pattern in a document body: those a save need not decide again. */
export function patternsIn(body: unknown): Set<string> {
  const out = new Set<string>();
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'pattern' && typeof value === 'string') out.add(value);
      else walk(value);
    }
  };
  walk(body);
  return out;
}
