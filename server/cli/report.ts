/**
 * `npm run report`: compiles every shipped bundle for the province and prints, per
 * scenario, the four reductions and the critical-path days as a Markdown table; per bundle,
 * every rule with its basis, the 政策参数 it reads (value in force today, with its source) and
 * the cases either side of its line; then the diagnostics of
 * every region's compile. Exits non-zero when any compile has errors, or a rule lacks a basis
 * naming its article or a passing and a failing case.
 */
import {
  citesArticle,
  compileBundle,
  hasErrors,
  logicParameters,
  MODE_LABELS,
  prepareParameters,
  valueInForce,
  SEVERITY_LABELS,
  type ExportedRule,
  type Reduction,
} from '../../schemas/index.ts';
import { loadDefinitions, loadRegions } from '../catalog/shipped.ts';
import { todayInChina } from '../runtime/plan.ts';

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

const parameters = prepareParameters(defs.parameters);
const labels = new Map((defs.parameters?.parameters ?? []).map((p) => [p.name, `${p.label}`]));
/** The 政策参数 a rule reads, each as in force today with its source. */
function parameterText(rule: ExportedRule): string {
  return logicParameters(rule.logic)
    .map((name) => {
      const v = valueInForce(parameters, name, todayInChina());
      return `${labels.get(name) ?? name} = ${v ? `${v.value}（${v.from} 起，${v.source}）` : '（无取值）'}`;
    })
    .join('；');
}

/** A rule as a 人社 lawyer checks it: what it says, on what basis, with which figures, and the cases on either side of its line. */
function ruleLines(rule: ExportedRule): { text: string[]; sound: boolean } {
  const cases = (passes: boolean) => (rule.cases ?? []).filter((c) => c.passes === passes).map((c) => c.label);
  const [pass, fail] = [cases(true), cases(false)];
  const sound = citesArticle(rule.basis) && pass.length > 0 && fail.length > 0;
  return {
    sound,
    text: [
      `- ${sound ? '' : '【不完整】'}「${rule.message}」（${SEVERITY_LABELS[rule.severity]}${rule.matter ? `，${rule.matter}` : ''}）`,
      `  - 依据：${rule.basis ?? '（未写明）'}`,
      ...(parameterText(rule) ? [`  - 政策参数：${parameterText(rule)}`] : []),
      `  - 通过：${pass.join('；') || '（无样例）'}`,
      `  - 不通过：${fail.join('；') || '（无样例）'}`,
    ],
  };
}

let unsound = 0;
for (const bundle of defs.bundles) {
  const compiled = compileBundle(defs, bundle.id, bundle.region);
  console.log(`\n### ${compiled.name}的规则（${compiled.rules.length} 条）`);
  for (const rule of compiled.rules) {
    const { text, sound } = ruleLines(rule);
    if (!sound) unsound++;
    console.log(text.join('\n'));
  }
}
if (unsound) console.log(`\n${unsound} 条规则缺少写明条款的依据或通过、不通过的样例。`);

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
process.exitCode = failed || unsound ? 1 : 0;
