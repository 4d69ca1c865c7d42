/**
 * The printable 办事指南 page of a compiled bundle: plain HTML and CSS, Chinese, readable
 * on a phone and on A4 paper, no script.
 */
import {
  daysText,
  nextValue,
  prepareParameters,
  valueInForce,
  valueText,
  legalDaysText,
  FORM_LABELS,
  MODE_LABELS,
  NECESSITY_LABELS,
  stateLabel,
  TARGET_LABELS,
  SERVICE_TEXT_LABELS,
  type ChecklistItem,
  type ServiceText,
  type CompiledBundle,
  type PolicyParameters,
  type VersionState,
} from '../../schemas/index.ts';

const esc = (s: unknown) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * A table's opening tag: on a phone it scrolls sideways, so it takes keyboard focus and a name (WCAG 2.1.1, axe
 * scrollable-region-focusable).
 */
const tableTag = (name: string) => `<table tabindex="0" aria-label="${esc(name)}">`;

function checklist(items: readonly ChecklistItem[], names: Map<string, string>): string {
  if (items.length === 0) return '<p>无需提交材料。</p>';
  const rows = items.map(
    (
      c,
      i,
    ) => `<tr><td>${i + 1}</td><td>${esc(c.name)}</td><td>${NECESSITY_LABELS[c.necessity]}</td><td>${FORM_LABELS[c.form]}，${c.copies} 份</td>
    <td>${c.exempt ? `<span class="exempt">免提交</span>${esc(c.exempt.note)}` : '需提交'}${c.exempt?.reason === 'commitment' ? `<div><a href="commitments/${esc(c.id)}">打印告知承诺书</a></div>` : ''}${(c.notes ?? []).map((n) => `<div class="note">${esc(n)}</div>`).join('')}</td><td>${c.matters.map((m) => esc(names.get(m) ?? m)).join('、')}</td></tr>`,
  );
  return `${tableTag('申请材料')}<thead><tr><th>序号</th><th>材料名称</th><th>必要性</th><th>形式与份数</th><th>提交要求</th><th>所涉事项</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

type GuideScenario = CompiledBundle['guide']['scenarios'][number];

/** The 情形 questions, asked before anything else, with the answers one may give. */
function questions(s: GuideScenario): string {
  if (s.questions.length === 0) return '';
  const items = s.questions.map((q) => `<li><b>${esc(q.text)}</b>（${q.options.map(esc).join(' / ')}）</li>`);
  return `<h3>办理前请先回答</h3><p class="meta">您的回答决定需要办理的事项、填写的内容和提交的材料。</p><ol>${items.join('')}</ol>`;
}

/** What the system works out for the applicant, so they need not. */
function computed(s: GuideScenario): string {
  if (!s.computed.length) return '';
  return `<h3>系统为您计算</h3><ul class="conditions">${s.computed.map((c) => `<li><b>${esc(c.label)}：</b>${esc(c.text)}</li>`).join('')}</ul>`;
}

/** One statement with its basis beneath it. */
const withBasis = (c: { text: string; basis?: string }) =>
  `<li>${esc(c.text)}${c.basis ? `<span class="basis">依据：${esc(c.basis)}</span>` : ''}</li>`;

/** 受理条件 as a 办事指南 states them: who may apply, in words; then the cases refused (the rules' messages); each with its basis. */
function conditions(s: GuideScenario): string {
  const who = s.eligibility.length ? `<h3>受理条件</h3><ul class="conditions">${s.eligibility.map(withBasis).join('')}</ul>` : '';
  const refused = s.conditions.length ? `<h3>不予受理情形</h3><ul class="conditions">${s.conditions.map(withBasis).join('')}</ul>` : '';
  return who + refused;
}

const serviceValue = (key: keyof ServiceText, value: string) =>
  key === 'onlineUrl' && value.startsWith('https://') ? `<a href="${esc(value)}">${esc(value)}</a>` : esc(value);

/**
 * Where, when and how each matter is handled: what every matter of the scenario shares is
 * said once, what differs in a table by matter.
 */
function service(s: GuideScenario): string {
  const keys = Object.keys(SERVICE_TEXT_LABELS) as (keyof ServiceText)[];
  const shared = keys.filter((k) => s.matters.every((m) => m.service[k] === s.matters[0]?.service[k]));
  const differing = keys.filter((k) => !shared.includes(k));
  const common = shared
    .filter((k) => s.matters[0]!.service[k] !== '—')
    .map((k) => `<li><b>${SERVICE_TEXT_LABELS[k]}：</b>${serviceValue(k, s.matters[0]!.service[k])}</li>`);
  const table = differing.length
    ? `${tableTag('各事项的办理地点与方式')}<thead><tr><th>事项</th>${differing.map((k) => `<th>${SERVICE_TEXT_LABELS[k]}</th>`).join('')}</tr></thead><tbody>${s.matters
        .map((m) => `<tr><td>${esc(m.name)}</td>${differing.map((k) => `<td>${serviceValue(k, m.service[k])}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`
    : '';
  return s.matters.length ? `<h3>办理地点、时间与咨询</h3><ul class="service">${common.join('')}</ul>${table}` : '';
}

/** The policy a guide page is rendered under: the calendar's provisional years, and the 政策参数 in force on `today`. */
export interface GuidePolicy {
  provisional: readonly number[];
  parameters: PolicyParameters;
  today: string;
}

/** The 政策参数 a scenario is judged with: each with its value in force today, its 施行日期 and source, and the next step. */
function parameters(names: readonly string[], policy: GuidePolicy): string {
  const prepared = prepareParameters(policy.parameters);
  const rows = names.flatMap((name) => {
    const p = policy.parameters.parameters.find((x) => x.name === name);
    if (!p) return [];
    const now = valueInForce(prepared, name, policy.today);
    const next = nextValue(prepared, name, policy.today);
    const value = now ? esc(valueText(now.value, p.unit)) : '尚未施行';
    const later = next
      ? `<span class="basis">${esc(next.from)} 起 ${esc(valueText(next.value, p.unit))}（${esc(next.source)}）</span>`
      : '';
    return [
      `<tr><td>${esc(p.label)}</td><td class="nowrap">${value}</td><td class="nowrap">${esc(now?.from ?? '—')}</td><td class="small">${esc(now?.source ?? '—')}${later}</td></tr>`,
    ];
  });
  if (!rows.length) return '';
  return `<h3>适用的政策参数</h3><p class="meta">按申请之日有效的值判断和计算；下表为今天（${esc(policy.today)}）有效的值。</p>
      ${tableTag('适用的政策参数')}<thead><tr><th>参数</th><th>现行值</th><th>施行日期</th><th>依据</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** Renders the guide page under `policy` (the provisional calendar years are named; the 政策参数 are shown as in force today). */
export function renderGuide(compiled: CompiledBundle, state: VersionState, policy: GuidePolicy): string {
  const { provisional } = policy;
  const g = compiled.guide;
  const names = new Map(compiled.scenarios.flatMap((s) => s.items.map((i) => [i.matter.code, i.matter.name] as const)));
  const scenarios = g.scenarios.map((s, index) => {
    const scenario = compiled.scenarios[index]!;
    const matters = s.matters.map(
      (m) =>
        `<tr><td>${esc(m.name)}</td><td class="nowrap">${esc(m.code)}</td><td class="nowrap">${m.selection === 'required' ? '必办' : '可选'}</td><td>${esc(m.department)}</td><td class="nowrap">${legalDaysText(m.legalDays)}${m.legalDaysBasis ? `<span class="basis">${esc(m.legalDaysBasis)}</span>` : ''}</td><td class="nowrap">${m.bundleDays === undefined ? daysText(m.promisedDays) : `本件中 ${daysText(m.bundleDays)}（单独办理 ${daysText(m.promisedDays)}）`}</td><td class="nowrap">${m.visits}</td><td>${esc(m.result ?? '—')}</td><td class="small">${esc(m.basis ?? m.basisNote ?? '—')}</td></tr>`,
    );
    return `<section>
      <h2>${esc(s.label)}</h2>
      <p class="meta">办事对象：${TARGET_LABELS[s.target]}　办理方式：${MODE_LABELS[scenario.mode].long}</p>
      ${s.guide ? `<p class="guide">${esc(s.guide.question)} <b>${esc(s.guide.answer)}</b></p>` : ''}
      ${questions(s)}${conditions(s)}${computed(s)}${parameters(s.parameters, policy)}
      <h3>办理事项</h3>
      ${tableTag('办理事项')}<thead><tr><th>事项</th><th>编码</th><th class="nowrap">选择</th><th>实施主体</th><th class="nowrap">法定时限</th><th class="nowrap">承诺时限</th><th class="nowrap">到现场</th><th>办理结果</th><th>设立依据</th></tr></thead><tbody>${matters.join('')}</tbody></table>
      ${service(s)}
      <h3>申请材料（一套材料）</h3>${checklist(s.checklist, names)}
      <h3>办理流程</h3><ol>${s.steps.map((step) => `<li>${esc(step)}</li>`).join('')}</ol>
      <p class="facts"><span>办结时限：<b>${daysText(s.days)}</b></span><span>到现场次数：<b>${s.visits === 0 ? '零跑动' : `最多 ${s.visits} 次`}</b></span></p>
    </section>`;
  });
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(g.title)}</title>
<style>
  body { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif; color: #1f2329; margin: 0 auto; max-width: 960px; padding: 16px; line-height: 1.6; }
  header { border-bottom: 3px solid #c7000b; margin-bottom: 16px; }
  h1 { font-size: 24px; margin: 8px 0; } h2 { font-size: 19px; margin: 24px 0 8px; border-left: 4px solid #c7000b; padding-left: 8px; }
  h2 small { font-size: 13px; color: #646a73; font-weight: normal; margin-left: 8px; } h3 { font-size: 16px; margin: 16px 0 6px; }
  .meta, .guide { color: #646a73; font-size: 14px; } .state { background: #fff1f0; color: #c7000b; border-radius: 4px; padding: 1px 6px; font-size: 13px; }
  table { border-collapse: collapse; width: 100%; font-size: 14px; } th, td { border: 1px solid #dee0e3; padding: 6px 8px; text-align: left; vertical-align: top; }
  th { background: #f5f6f7; } .exempt { color: #0b7a3e; font-weight: bold; margin-right: 4px; }
  .facts { display: flex; flex-wrap: wrap; gap: 8px 24px; background: #f5f6f7; padding: 8px 12px; border-radius: 6px; }
  .note, .small { color: #646a73; font-size: 13px; } .nowrap { white-space: nowrap; }
  .basis { display: block; color: #646a73; font-size: 13px; } ul.conditions li { margin-bottom: 4px; }
  ul.service { list-style: none; padding: 0; margin: 0 0 8px; } ul.service li { margin: 2px 0; }
  ul.notes { background: #fffbe6; padding: 8px 8px 8px 28px; border-radius: 6px; }
  @media (max-width: 600px) { table { display: block; overflow-x: auto; } body { padding: 10px; } }
  @page { size: A4; margin: 16mm 14mm; }
  @media print { body { max-width: none; padding: 0; } tr, .facts { break-inside: avoid; } h2, h3 { break-after: avoid; } thead { display: table-header-group; } .state { border: 1px solid #c7000b; } }
</style></head>
<body>
<header><h1>${esc(g.title)}</h1>
<p class="meta">牵头单位：${esc(g.lead)}　联办部门：${g.departments.map(esc).join('、')}　版本：第 ${compiled.version} 版 <span class="state">${stateLabel(state)}</span></p>
${compiled.description ? `<p>${esc(compiled.description)}</p>` : ''}</header>
${g.notes.length ? `<ul class="notes">${g.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : ''}
${g.roster ? `<p class="roster">${esc(g.roster)}</p>` : ''}
${scenarios.join('\n')}
<h3>救济途径</h3><p>${esc(g.remedy)}</p>
<p class="meta">一张表单、一套材料、一次申请。时限按工作日计算，自受理次日起算；即办件当场办结；非工作日提交的申请于下一个工作日受理。</p>
${provisional.length ? `<p class="meta provisional">${provisional.join('、')} 年的节假日安排为暂定，涉及该年度的办结日期以国务院办公厅公布的安排为准，可能调整。</p>` : ''}
</body></html>`;
}
