import { describe, expect, it } from 'vitest';
import { catalogSheets, readCatalogSheets, SHEET_NAMES, stableStringify, type Sheet } from '../../../schemas/index.ts';
import { loadDefinitions } from '../../../server/catalog/shipped.ts';

const defs = loadDefinitions();
const names = { element: (id: string) => id, material: (id: string) => id };
const sheets = () => catalogSheets(defs.matters, names);
const sheet = (all: Sheet[], name: string) => all.find((s) => s.name === name)!;
const cell = (s: Sheet, row: number, header: string) => {
  const column = s.header.findIndex((h) => h.startsWith(header));
  return { get: () => s.rows[row - 2]![column], set: (v: string | number | null) => (s.rows[row - 2]![column] = v) };
};

describe('the catalog as sheets', () => {
  it('reads back exactly the matters it wrote, every one of the shipped catalog', () => {
    const read = readCatalogSheets(sheets());
    expect(read.problems).toEqual([]);
    expect(read.matters.map((m) => stableStringify(m))).toEqual(defs.matters.map((m) => stableStringify(m)));
  });

  it('writes what officials read: kinds, targets, limits and basis in words', () => {
    const matters = sheet(sheets(), SHEET_NAMES.matters);
    const row = defs.matters.findIndex((m) => m.code === 'JSRS-SK-0101') + 2;
    expect(cell(matters, row, '事项类型').get()).toBe('20 公共服务');
    expect(cell(matters, row, '法定时限').get()).toBe('无');
    expect(cell(matters, row, '设立依据').get()).toBe('《“中华人民共和国社会保障卡”管理办法》（人社部发〔2011〕47号）');
    expect(cell(matters, row, '通办范围').get()).toBe('全国通办');
  });

  it('reports every problem by sheet, row and column, in words', () => {
    const all = sheets();
    const matters = sheet(all, SHEET_NAMES.matters);
    cell(matters, 2, '承诺时限').set('十天');
    cell(matters, 3, '服务对象').set('企业');
    cell(matters, 4, '设立依据').set('工伤保险条例第三十条');
    cell(matters, 5, '事项编码').set(String(cell(matters, 6, '事项编码').get()));
    const materials = sheet(all, SHEET_NAMES.materials);
    cell(materials, 2, '必要性').set('必须');
    cell(materials, 3, '事项编码').set('NO-SUCH-0001');
    const { problems } = readCatalogSheets(all);
    // the renamed row's fields and materials now name a matter the sheet lacks: said for each of them
    const orphaned = String(cell(sheets()[0]!, 5, '事项编码').get());
    expect(problems.filter((p) => p.message === `事项 ${orphaned} 不在「事项」工作表中`).length).toBeGreaterThan(0);
    expect(problems.filter((p) => !p.message.startsWith(`事项 ${orphaned} `))).toEqual([
      { sheet: '事项', row: 2, column: '承诺时限（工作日，即办填0）', message: '承诺时限应为 0 到 365 的整数' },
      { sheet: '事项', row: 3, column: '服务对象', message: '服务对象应为 个人、单位 之一' },
      { sheet: '事项', row: 4, column: '设立依据', message: '第 1 条依据应写作《名称》（文号）条款，多条以「；」分隔' },
      { sheet: '事项', row: 6, column: '事项编码', message: expect.stringMatching(/^事项编码 \S+ 重复$/) },
      { sheet: '材料', row: 2, column: '必要性', message: '必要性应为 必要、非必要、容缺后补 之一' },
      { sheet: '材料', row: 3, column: '事项编码', message: '事项 NO-SUCH-0001 不在「事项」工作表中' },
    ]);
  });

  it('names a missing sheet or column instead of guessing', () => {
    const all = sheets().filter((s) => s.name !== SHEET_NAMES.fields);
    all[0]!.header[1] = '名称';
    const { problems } = readCatalogSheets(all);
    expect(problems).toEqual(
      expect.arrayContaining([
        { sheet: '事项', row: 1, column: '事项名称', message: '缺少列「事项名称」' },
        { sheet: '字段', row: 1, column: '', message: '缺少工作表「字段」' },
      ]),
    );
  });
});
