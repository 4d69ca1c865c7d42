/**
 * The printable 告知承诺书 for a material a bundle accepts by commitment (证明事项告知承诺制,
 * 国办发〔2020〕42号): which proof it replaces, what the applicant declares true, how and when
 * the office checks, what a false commitment costs, who may not use it, signature and date.
 * Plain HTML and CSS, Chinese, A4, no script.
 */
import type { ChecklistItem, CompiledBundle } from '../../schemas/index.ts';

const esc = (s: unknown) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The checklist item of `material` that a scenario of the bundle accepts by commitment, with the matters that ask for it. */
export function committedMaterial(compiled: CompiledBundle, material: string): { item: ChecklistItem; matters: string[] } | null {
  for (const s of compiled.scenarios) {
    const item = s.checklist.find((c) => c.id === material && c.exempt?.reason === 'commitment');
    if (item) return { item, matters: item.matters.map((code) => s.items.find((i) => i.matter.code === code)?.matter.name ?? code) };
  }
  return null;
}

/** Renders the 告知承诺书 page. */
export function renderCommitment(compiled: CompiledBundle, found: { item: ChecklistItem; matters: string[] }): string {
  const { item, matters } = found;
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
<p>申请人办理“${esc(matters.join('、'))}”时，以本承诺书代替提交<b>${esc(item.name)}</b>。</p>
<h2>二、承诺内容</h2>
<ol>
  <li>本人（本单位）已知晓行政机关告知的证明义务和证明内容：应当具备“${esc(item.name)}”所证明的事实和条件。</li>
  <li>本人（本单位）具备上述事实和条件，所填写的申请信息真实、准确、完整。</li>
  <li>本人（本单位）愿意承担不实承诺的法律责任，同意行政机关依法核查。</li>
</ol>
<h2>三、核查方式</h2>
<p>受理后，经办机构通过部门间数据共享、网上核验、现场核查或向出具证明的机构核实等方式，对承诺内容进行核查；需要申请人配合的，另行告知。</p>
<h2>四、不实承诺的后果</h2>
<ol>
  <li>承诺不实的，经办机构终止办理，已作出的决定予以撤销，已发放的待遇、补贴依法追回。</li>
  <li>不实承诺的情况记入申请人信用记录，依法依规实施失信惩戒；涉嫌违法犯罪的，依法移送有关机关处理。</li>
</ol>
<h2>五、不适用的情形</h2>
<p>曾作出虚假承诺、存在严重失信记录或在信用修复期内的申请人，不适用告知承诺，应当提交${esc(item.name)}。</p>
<div class="sign">
  <div>承诺人（签字）：<span></span></div><div>公民身份号码 / 统一社会信用代码：<span></span></div>
  <div>代理人（签字）：<span></span></div><div>日期：<span></span>年<span style="min-width:48px"></span>月<span style="min-width:48px"></span>日</div>
</div>
</body></html>`;
}
