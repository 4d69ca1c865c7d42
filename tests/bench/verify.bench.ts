/**
 * `npm run bench` (checks before publishing): on the shipped catalog, the simulation of the
 * largest bundle over all its paths and the impact of a dictionary element that many matters
 * use, each as a ratio to one compile of that bundle measured in the same run.
 */
import { compileBundle, impactOf, simulate, type Definitions } from '../../schemas/index.ts';
import { loadDefinitions } from '../../server/catalog/shipped.ts';

const defs = loadDefinitions();
const median = (f: () => unknown, runs: number) => {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
};

// the largest bundle: the most paths an applicant can take
const largest = defs.bundles
  .map((b) => ({ id: b.id, paths: simulate(compileBundle(defs, b.id, '320000')).paths }))
  .sort((a, b) => b.paths - a.paths)[0]!;
// the dictionary element the most matters ask for
const uses = new Map<string, number>();
for (const m of defs.matters) for (const f of m.fields) if ('ref' in f) uses.set(f.ref, (uses.get(f.ref) ?? 0) + 1);
const [element, count] = [...uses].sort((a, b) => b[1] - a[1])[0]!;
const renamed: Definitions['dictionary'] = {
  ...defs.dictionary,
  elements: defs.dictionary.elements.map((e) => (e.id === element ? { ...e, label: `${e.label}（新）` } : e)),
};

compileBundle(defs, largest.id, '320000'); // warm up
const compile = median(() => compileBundle(defs, largest.id, '320000'), 30);
const compiled = compileBundle(defs, largest.id, '320000');
const simulation = median(() => simulate(compiled), 10);
const impact = median(
  () => impactOf(defs, { kind: 'dictionary', id: 'dictionary', body: renamed as unknown as Record<string, unknown> }),
  5,
);
const reached = impactOf(defs, { kind: 'dictionary', id: 'dictionary', body: renamed as unknown as Record<string, unknown> });

const ms = (n: number) => `${n.toFixed(1)} ms`;
console.log('\nChecks before publishing (shipped catalog)');
console.log(`one compile of ${largest.id}: ${ms(compile)}`);
console.log(
  `simulation of ${largest.id} (${largest.paths} paths): ${ms(simulation)}  ratio to one compile ${(simulation / compile).toFixed(1)}`,
);
console.log(
  `impact of renaming ${element} (asked by ${count} matters; reaches ${reached.length} bundles): ${ms(impact)}  ratio to one compile ${(impact / compile).toFixed(1)}`,
);
