/**
 * The printable 告知承诺书 for a material a bundle accepts by commitment (证明事项告知承诺制,
 * 国办发〔2020〕42号): which proof it replaces, what the applicant declares true, how and when
 * the office checks, what a false commitment costs, who may not use it, signature and date.
 * Plain HTML and CSS, Chinese, A4, no script.
 */
import type { ChecklistItem, CompiledBundle } from '../../schemas/index.ts';

const esc = (s: unknown) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A material accepted by commitment, as its 告知承诺书 states it. */
export interface CommittedMaterial {
  item: ChecklistItem;
  /** The matters that ask for it, by name. */
  matters: string[];
  /** The fact it proves and the law that requires the proof. */
  certifies?: string;
  requiredBy?: string;
  /** Working days after acceptance by which the office has checked the commitment: the longest promise of those matters, at least one. */
  checkDays: number;
}

/** The checklist item of `material` that a scenario of the bundle accepts by commitment, with the matters that ask for it. */
export function committedMaterial(compiled: CompiledBundle, material: string): CommittedMaterial | null {
  for (const s of compiled.scenarios) {
    const item = s.checklist.find((c) => c.id === material && c.exempt?.reason === 'commitment');
    if (!item) continue;
    const items = item.matters.map((code) => s.items.find((i) => i.matter.code === code));
    const request = s.materials.find((m) => m.id === material);
    const found: CommittedMaterial = {
      item,
      matters: items.map((i, n) => i?.matter.name ?? item.matters[n]!),
      checkDays: Math.max(1, ...items.map((i) => (i ? (i.promisedDays ?? i.matter.promisedDays) : 0))),
    };
    if (request?.certifies) found.certifies = request.certifies;
    if (request?.requiredBy) found.requiredBy = request.requiredBy;
    return found;
  }
  return null;
}

/** Renders the 告知承诺书 page. */
export function renderCommitment(compiled: CompiledBundle, found: CommittedMaterial): string {
  const { item, matters, checkDays } = found;
  const fact = found.certifies ?? `具备“${item.name}”所证明的事实和条件`;
  const title = `${item.name}告知承诺书`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
  body { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif; color: #1f2329; margin: 0 auto; max-width: 800px; padding: 24px; line-height: 1.9; }
  h1 { text-align: center; font-size: 24px; margin: 8px 0 20px; } h2 { font-size: 17px; margin: 18px 0 6px; }
  .meta { color: #646a73; font-size: 14px; text-align: center; } ol { padding-left: 24px; }
  .sign { margin-top: 40px; display: grid; grid-template-columns: 1fr 1fr; gap: 28px 24px; }
  .sign span { border-bottom: 1px solid #1f2329; display: inline-block; min-width: 180px; }
  @page { size: A4; margin: 20mm 18mm; } @media print { body { padding: 0; max-width: none; } }
</style></head>
<body>
<h1>告知承诺书</h1>
<p class="meta">${esc(compiled.name)} · 依据《国务院办公厅关于全面推行证明事项告知承诺制的指导意见》（国办发〔2020〕42号）</p>
<h2>一、承诺事项</h2>
<p>申请人办理“${esc(matters.join('、'))}”时，应当提交<b>${esc(item.name)}</b>，证明：${esc(fact)}。</p>
${found.requiredBy ? `<p>设定依据：${esc(found.requiredBy)}</p>` : ''}
<h2>二、承诺的效力</h2>
<p>申请人自愿以本承诺书代替提交${esc(item.name)}。承诺书经经办机构收取后，经办机构不再索要该证明，依据承诺办理；核查发现承诺不实的，按本承诺书第五项处理。</p>
<h2>三、承诺内容</h2>
<ol>
  <li>本人（本单位）已知晓经办机构告知的上述证明义务和证明内容。</li>
  <li>本人（本单位）承诺：${esc(fact)}；所填写的申请信息真实、准确、完整。</li>
  <li>本人（本单位）愿意承担不实承诺的法律责任，同意经办机构依法核查。</li>
  <li>本承诺是本人（本单位）的真实意思表示。</li>
</ol>
<h2>四、核查方式和时限</h2>
<p>经办机构在受理后 ${checkDays} 个工作日内，通过部门间数据共享、网上核验、现场核查或向出具证明的机构核实等方式，完成对承诺内容的核查；即办件当场办理，事后在同一时限内核查。需要申请人配合的，另行告知。</p>
<h2>五、不实承诺的后果</h2>
<ol>
  <li>承诺不实的，经办机构终止办理，已作出的决定予以撤销，已发放的待遇、补贴依法追回。</li>
  <li>不实承诺的情况记入申请人信用记录，依法依规实施失信惩戒；涉嫌违法犯罪的，依法移送有关机关处理。</li>
</ol>
<h2>六、不适用的情形</h2>
<p>曾作出虚假承诺、存在严重失信记录或在信用修复期内的申请人，不适用告知承诺，应当提交${esc(item.name)}。</p>
<p>本承诺书一式两份，承诺人和经办机构各执一份。</p>
<div class="sign">
  <div>承诺人（签字）：<span></span></div><div>公民身份号码 / 统一社会信用代码：<span></span></div>
  <div>代理人（签字）：<span></span></div><div>日期：<span></span>年<span style="min-width:48px"></span>月<span style="min-width:48px"></span>日</div>
</div>
</body></html>`;
}
