import { describe, expect, it } from 'vitest';
import { basisText, caseOutcome, compileBundle, exampleApplication, paperOriginal, policyOf } from '../../../schemas/index.ts';
import { loadDefinitions, loadRegions } from '../../../server/catalog/shipped.ts';

const defs = loadDefinitions();

describe('the Jiangsu catalog', () => {
  it('has the province and its 13 cities', () => {
    expect(loadRegions()[0]).toEqual({ code: '320000', name: '江苏省' });
    expect(loadRegions().filter((r) => r.parent === '320000').map((r) => r.code)).toEqual(
      ['320100', '320200', '320300', '320400', '320500', '320600', '320700', '320800', '320900', '321000', '321100', '321200', '321300'],
    );
  });

  it('never asks for a field and a material of the same name: one thing, asked once (近期免冠照片 was both)', () => {
    const label = new Map(defs.dictionary.elements.map((e) => [e.id, e.label]));
    const name = new Map(defs.materials.materials.map((m) => [m.id, m.name]));
    for (const m of defs.matters) {
      const fields = new Set(m.fields.map((f) => ('ref' in f ? label.get(f.ref) : f.local.label)));
      for (const x of m.materials) expect(fields.has(name.get(x.ref)), `${m.code} ${name.get(x.ref)}`).toBe(false);
    }
  });

  it('has a dictionary of at least 80 elements and at least 40 standard documents', () => {
    expect(defs.dictionary.elements.length).toBeGreaterThanOrEqual(80);
    expect(defs.materials.materials.length).toBeGreaterThanOrEqual(40);
  });

  it('codes every matter in one scheme: JSRS-<area>-<4 digits>, city-local matters with their city prefix and region', () => {
    for (const m of defs.matters) {
      if (m.region) expect(m.code).toMatch(/^[A-Z]{2}RS-[A-Z]{2,4}-\d{4}$/);
      else expect(m.code).toMatch(/^JSRS-[A-Z]{2,4}-\d{4}$/);
    }
  });

  it('gives every matter 5–15 fields of its own (the optional 代办人 and other-account blocks aside), promised days within legal days, and mostly dictionary fields', () => {
    const optionalBlock = /^(agent|bank)\./;
    for (const m of defs.matters) {
      const own = m.fields.filter((f) => !('ref' in f && optionalBlock.test(f.ref) && !f.required));
      expect(own.length, m.name).toBeGreaterThanOrEqual(5);
      expect(own.length, m.name).toBeLessThanOrEqual(15);
      if (m.legalDays !== null) expect(m.promisedDays, m.name).toBeLessThanOrEqual(m.legalDays);
      expect(m.fields.filter((f) => 'ref' in f).length / m.fields.length).toBeGreaterThan(0.8);
    }
  });

  it('asks for the ID number, name and phone across many matters, so merging has work to do', () => {
    for (const ref of ['person.idNumber', 'person.name', 'contact.mobile', 'org.uscc', 'bank.accountNumber']) {
      expect(defs.matters.filter((m) => m.fields.some((f) => 'ref' in f && f.ref === ref)).length, ref).toBeGreaterThanOrEqual(10);
    }
  });

  it('lets 灵活就业人员社保补贴申领 take the 就业困难人员认定 certificate from the earlier matter', () => {
    const scenario = compileBundle(defs, 'hardship-subsidy', '320000').scenarios[0]!;
    expect(scenario.checklist.find((c) => c.id === 'difficultyCert')?.exempt).toMatchObject({ reason: 'prior-result', by: 'JSRS-JY-0201' });
  });

  it('ships two city variants that change what the city serves', () => {
    const suzhou = compileBundle(defs, 'unemployment', '320500');
    expect(suzhou.scenarios[0]!.items.map((i) => i.matter.code)).toContain('SZRS-JY-0101');
    const nanjing = compileBundle(defs, 'retirement', '320100');
    const province = compileBundle(defs, 'retirement', '320000');
    expect(nanjing.scenarios[0]!.timeLimit.days).toBeLessThan(province.scenarios[0]!.timeLimit.days);
    expect(compileBundle(defs, 'unemployment', '320100').scenarios[0]!.items.map((i) => i.matter.code)).not.toContain('SZRS-JY-0101');
  });

  it('covers 2026 and 2027 in the working-day calendar, with 2027 marked provisional', () => {
    expect(defs.calendar!.years).toEqual([2026, 2027]);
    expect(defs.calendar!.provisional).toEqual([2027]);
  });

  it('asks to come in person once where a paper original must be handed in (no 告知承诺, no 电子证照)', () => {
    for (const m of defs.matters) if (paperOriginal(m)) expect(m.visits, m.name).toBeGreaterThanOrEqual(1);
    const noVisit = structuredClone(defs);
    const separation = noVisit.matters.find((m) => m.code === 'JSRS-SB-0202')!;
    separation.visits = 0;
    separation.materials.push({ ref: 'laborContract', necessity: 'required', form: 'paper', copies: 1 });
    const diagnostics = compileBundle(noVisit, 'insurance-transfer-in', '320000').diagnostics.filter((d) => d.code === 'matter.visits-originals');
    expect(diagnostics).toMatchObject([{ severity: 'warning', document: 'matter:JSRS-SB-0202', path: '/visits' }]);
    expect(diagnostics[0]!.message).toContain('纸质原件「劳动合同」');
  });

  it('never asks an applicant for what the matter itself produces: the 见习协议 is the result of 见习岗位申请', () => {
    expect(defs.matters.find((m) => m.code === 'JSRS-JY-0302')!.materials.map((x) => x.ref)).not.toContain('internshipAgreement');
  });

  it('asks each applicant for their own papers: the base operator for its tenants’ roster, the trainee for a skill certificate', () => {
    const refs = (code: string) => defs.matters.find((m) => m.code === code)!.materials.map((x) => x.ref);
    expect(refs('JSRS-CY-0304')).not.toContain('incubatorAgreement');
    expect(refs('JSRS-CY-0304')).toContain('incubatorRoster');
    expect(refs('SZRS-JY-0101')).not.toContain('trainingCert');
    expect(refs('SZRS-JY-0101')).toContain('skillCertificate');
  });

  it('carries each matter’s note on a material into the checklist (容缺 补交 deadlines, who need not hand it in)', () => {
    const unemployment = compileBundle(defs, 'unemployment', '320000').scenarios[0]!.checklist;
    expect(unemployment.find((c) => c.id === 'separationCert')!.notes).toEqual(['用人单位已在线备案解除劳动关系的，无需提交']);
    const hardship = compileBundle(defs, 'hardship-subsidy', '320000').scenarios[0]!.checklist;
    expect(hardship.find((c) => c.id === 'commitmentLetter')!.notes).toEqual(['容缺受理，受理后 5 个工作日内补交', '就业困难情形的个人承诺']);
  });

  it('keeps materials consistent: no per-matter 申请表 beside the one form, no 告知承诺 where a cash benefit rests on it, one e-licence rule per material', () => {
    const names = new Map(defs.materials.materials.map((x) => [x.id, x.name]));
    for (const m of defs.matters) expect(m.materials.map((x) => names.get(x.ref)!).filter((n) => /申请表$/.test(n)), m.name).toEqual([]);
    const gs0106 = defs.matters.find((m) => m.code === 'JSRS-GS-0106')!;
    expect(gs0106.materials.find((x) => x.ref === 'separationCert')!.commitment).toBeFalsy();
    const eLicensed = new Map<string, Set<boolean>>();
    for (const m of defs.matters)
      for (const x of m.materials) if (defs.materials.materials.find((d) => d.id === x.ref)!.eLicense) (eLicensed.get(x.ref) ?? eLicensed.set(x.ref, new Set()).get(x.ref)!).add(!!x.eLicense);
    expect(eLicensed.get('difficultyCert')).toEqual(new Set([true]));
  });

  it('lets the 电子劳动合同 of 电子合同签订 stand for the 劳动合同 later matters ask for', () => {
    expect(defs.matters.find((m) => m.code === 'JSRS-LD-0101')!.result).toMatchObject({ name: '电子劳动合同', material: 'laborContract' });
  });

  it('asks what applicants understand, once, in today’s terms', () => {
    const label = (id: string) => defs.dictionary.elements.find((e) => e.id === id)?.label;
    expect(label('person.photo')).toBe('近期免冠照片');
    expect(label('relative.relation')).toBe('与逝者的关系');
    const asked = new Set(defs.matters.flatMap((m) => m.fields.flatMap((f) => ('ref' in f ? [f.ref] : []))));
    // 户口性质 城镇 / 农村 is gone since 国发〔2014〕25号; the 社会保障号码 is the 公民身份号码 (社会保险法 第五十八条);
    // 学历层次 is 文化程度 asked twice
    for (const gone of ['person.household', 'employment.socialInsuranceNo', 'graduate.degree']) expect(asked.has(gone), gone).toBe(false);
    expect(defs.matters.find((m) => m.code === 'JSRS-GS-0108')!.fields.map((f) => ('ref' in f ? f.ref : ''))).toContain('injury.deviceCost');
    // a card handed over on the spot (即办) is not posted
    expect(defs.dictionary.elements.find((e) => e.id === 'card.deliveryMethod')!.options!.map((o) => o.label)).not.toContain('邮寄到家');
  });

  it('registers the employment of a new hire (就业登记, within 30 days of hiring) in 企业录用职工', () => {
    const hiring = defs.bundles.find((b) => b.id === 'hiring')!;
    expect(hiring.scenarios[0]!.items).toContainEqual({ matter: 'JSRS-JY-0103', selection: 'required' });
    const matter = defs.matters.find((m) => m.code === 'JSRS-JY-0103')!;
    expect(matter).toMatchObject({ name: '就业登记', target: 'organization', legalDays: null });
    expect(basisText(matter.basis)).toBe('《就业服务与就业管理规定》第六十二条');
  });

  it('checks a death through the 死亡信息共享, not as an e-licence the applicant fetches', () => {
    const death = compileBundle(defs, 'death', '320000').scenarios[0]!.checklist.find((c) => c.id === 'deathCert')!;
    expect(death.exempt).toEqual({ reason: 'data-sharing', note: '通过死亡信息共享核验，无需提交' });
    expect(defs.materials.materials.find((m) => m.id === 'deathCert')!.eLicense).toBeUndefined();
  });

  it('pays a person’s benefits to the 社会保障卡 金融账户 (一卡通办) unless they choose another account of their own', () => {
    const bankFields = (m: (typeof defs.matters)[number]) => m.fields.filter((f) => 'ref' in f && f.ref.startsWith('bank.') && f.ref !== 'bank.payTo');
    const paying = defs.matters.filter((m) => m.target === 'individual' && bankFields(m).length);
    expect(paying.length).toBeGreaterThan(15);
    for (const m of paying) {
      expect(m.fields.find((f) => 'ref' in f && f.ref === 'bank.payTo'), m.code).toMatchObject({ required: true });
      expect(bankFields(m).every((f) => !f.required), m.code).toBe(true);
      expect(m.materials.find((x) => x.ref === 'bankCard')?.necessity ?? 'optional', m.code).not.toBe('required');
    }
    const compiled = compileBundle(defs, 'unemployment', '320000');
    const scenario = compiled.scenarios[0]!.id;
    const matters = ['JSRS-JY-0101', 'JSRS-SY-0101'];
    const application = exampleApplication(compiled, scenario, matters) as { bank: Record<string, unknown> };
    expect(application.bank).toEqual({ payTo: 'card' });
    expect(caseOutcome(compiled, application, '2026-12-01', policyOf(defs))).toMatchObject({ accepted: true });
    const other = { ...application, bank: { payTo: 'other' } };
    expect(caseOutcome(compiled, other, '2026-12-01', policyOf(defs)).errors).toEqual(
      expect.arrayContaining(['/bank/name', '/bank/accountNumber']),
    );
  });
});
