/**
 * `npm run bench`: compile times on a synthetic provincial catalog (5,000 matters, 500
 * dictionary elements). Printed as p50/p95 and as ratios to AJV compiling the emitted
 * schema in the same run (timings on shared machines are noisy; ratios travel).
 */
import { allMatters, compileBundle, createAjv } from '../../schemas/index.ts';
import { previewModel } from '../../studio/src/preview/preview-model.ts';
import { syntheticCatalog } from '../support/synthetic-catalog.ts';

const { definitions, makeBundle } = syntheticCatalog();

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Times `runs` compiles of a fresh copy of a bundle (as the studio does on every edit). */
function timeCompiles(size: number, runs: number) {
  const bundle = makeBundle(`b${size}`, size, 100);
  const times: number[] = [];
  let schema: Record<string, unknown> = {};
  for (let i = 0; i < runs + 5; i++) {
    const copy = JSON.parse(JSON.stringify(bundle)) as typeof bundle;
    const t0 = performance.now();
    const compiled = compileBundle({ ...definitions, bundles: [copy] }, copy.id, '320000');
    const dt = performance.now() - t0;
    if (i >= 5) times.push(dt);
    if (compiled.diagnostics.some((d) => d.severity === 'error'))
      throw new Error(`synthetic bundle has errors: ${compiled.diagnostics[0]!.message}`);
    schema = compiled.schema;
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), schema };
}

function timeAjvCompile(schema: Record<string, unknown>, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const ajv = createAjv();
    const t0 = performance.now();
    ajv.compile(schema);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return percentile(times, 50);
}

// warm up the document validators and the JIT
compileBundle({ ...definitions, bundles: [makeBundle('warm', 20, 0)] }, 'warm', '320000');

const small = timeCompiles(20, 300);
const large = timeCompiles(200, 60);
const ajv20 = timeAjvCompile(small.schema, 30);
const ajv200 = timeAjvCompile(large.schema, 10);

const bundles = Array.from({ length: 200 }, (_, i) => makeBundle(`all${i}`, 20, (i * 20) % 4980));
const t0 = performance.now();
for (const b of bundles) compileBundle({ ...definitions, bundles: [b] }, b.id, '320000');
const total = performance.now() - t0;

// the studio's path from an edit to the preview: recompile the draft, derive the form for a selection
const editTimes: number[] = [];
const draft = makeBundle('edit', 20, 300);
for (let i = 0; i < 205; i++) {
  const edited = { ...draft, name: `合成一件事${i}` };
  const t = performance.now();
  const compiled = compileBundle({ ...definitions, bundles: [edited] }, edited.id, '320000');
  previewModel(compiled, 'a', allMatters(compiled.scenarios[0]!));
  if (i >= 5) editTimes.push(performance.now() - t);
}
editTimes.sort((a, b) => a - b);

const ms = (n: number) => `${n.toFixed(2)} ms`;
console.log('一件事 compiler benchmark (synthetic catalog: 5,000 matters, 500 dictionary elements)');
console.log(`20-matter bundle:   p50 ${ms(small.p50)}  p95 ${ms(small.p95)}  (target p95 < 16 ms: ${small.p95 < 16 ? 'met' : 'NOT met'})`);
console.log(`200-matter bundle:  p50 ${ms(large.p50)}  p95 ${ms(large.p95)}`);
console.log(`200 bundles of 20:  total ${ms(total)}  (${ms(total / 200)} each)`);
console.log(`edit → preview (20 matters): p50 ${ms(percentile(editTimes, 50))}  p95 ${ms(percentile(editTimes, 95))}  (target < 50 ms)`);
console.log(`baseline, AJV compiling the emitted schema: 20-matter ${ms(ajv20)}, 200-matter ${ms(ajv200)}`);
console.log(`ratio compile p50 ÷ AJV compile: 20-matter ${(small.p50 / ajv20).toFixed(2)}, 200-matter ${(large.p50 / ajv200).toFixed(2)}`);
