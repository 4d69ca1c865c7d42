import { describe, expect, it } from 'vitest';
import { serviceOf, validateDocument, type Matter } from '../../../schemas/index.ts';
import { loadDefinitions } from '../../../server/catalog/shipped.ts';

const defs = loadDefinitions();
const matter = (code: string) => structuredClone(defs.matters.find((m) => m.code === code)!) as Matter;

describe('a matter’s service elements', () => {
  it('fills in the province’s defaults: 不收费, 12333 to ask, 12345 to complain, the portal, the nearest window', () => {
    const text = serviceOf(matter('JSRS-SY-0101'));
    expect(text).toMatchObject({ fee: '不收费', consultPhone: '12333', complaintPhone: '12345', onlineUrl: 'https://www.jszwfw.gov.cn/' });
    expect(text.place).toContain('社会保险经办机构');
    expect(text.scope).toBe('—');
  });

  it('says what a matter states instead', () => {
    const m = matter('JSRS-SY-0101');
    m.service = { fee: '工本费 20 元', consultPhone: '0512-12333', scope: 'city', delivery: ['mail', 'online'] };
    expect(serviceOf(m)).toMatchObject({
      fee: '工本费 20 元',
      consultPhone: '0512-12333',
      scope: '全市通办',
      delivery: '邮寄送达、网上获取',
    });
  });

  it('refuses a 网办入口 that is not https, a phone with letters, and a 补交 deadline on a material that is not 容缺', () => {
    const m = matter('JSRS-JY-0201');
    m.service = { onlineUrl: 'http://example.org', consultPhone: '12333a' };
    const paths = validateDocument('matter', m, 'matter').map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['/service/onlineUrl', '/service/consultPhone']));
    const n = matter('JSRS-JY-0201');
    const required = n.materials.findIndex((x) => x.necessity === 'required');
    n.materials[required]!.remedyDays = 5;
    expect(validateDocument('matter', n, 'matter').map((d) => d.path)).toContain(`/materials/${required}/necessity`);
    expect(validateDocument('matter', matter('JSRS-JY-0201'), 'matter')).toEqual([]);
  });
});
