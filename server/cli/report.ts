/**
 * `npm run report`: compiles every shipped bundle for the province and prints, per
 * scenario, the four reductions and the critical-path days as a Markdown table, then
 * the diagnostics of every region's compile. Exits non-zero when any compile has errors.
 */
import { compileBundle, hasErrors, MODE_LABELS, type Reduction } from '../../schemas/index.ts';
import { loadDefinitions, loadRegions } from '../catalog/shipped.ts';

const defs = loadDefinitions();
const regionCodes = loadRegions().map((r) => r.code);
const arrow = (r: Reduction) => `${r.before} → ${r.after}`;

const lines = [
  '| 一件事 | 办事情形 | 模式 | 事项 | 表单字段 | 申请材料 | 办结时限（工作日） | 环节 | 跑动次数 | 关键路径（工作日） |',
  '|---|---|---|---|---|---|---|---|---|---|',
];
for (const bundle of defs.bundles) {
  const compiled = compileBundle(defs, bundle.id, bundle.region);
  for (const s of compiled.scenarios) {
    const r = s.reductions;
    lines.push(
      `| ${compiled.name} | ${s.label} | ${MODE_LABELS[s.mode].long} | ${s.items.length} | ${arrow(r.fields)} | ${arrow(r.materials)} | ${arrow(r.days)} | ${arrow(r.steps)} | ${arrow(r.visits)} | ${s.timeLimit.criticalDays} |`,
    );
  }
}
console.log(lines.join('\n'));

let failed = 0;
let compiles = 0;
const problems: string[] = [];
for (const bundle of defs.bundles) {
  for (const region of regionCodes) {
    const compiled = compileBundle(defs, bundle.id, region);
    compiles++;
    for (const d of compiled.diagnostics)
      if (d.severity !== 'info') problems.push(`${region} ${bundle.id} ${d.severity} ${d.code} ${d.document}${d.path}: ${d.message}`);
    if (hasErrors(compiled.diagnostics)) failed++;
  }
}
console.log(`\n${compiles} 次编译（${defs.bundles.length} 个一件事 × ${regionCodes.length} 个地区），${failed} 次有错误。`);
for (const p of problems) console.log(p);
process.exitCode = failed ? 1 : 0;
