import { describe, expect, it } from 'vitest';
import { checklistForSelection, compileBundle, type Matter, type Mode } from '../../../schemas/index.ts';
import { bundle, definitions, material, matter } from '../../support/fixtures.ts';

function checklist(matters: Matter[], mode: Mode = 'parallel', selected?: string[]) {
  const codes = matters.map((m) => m.code);
  const compiled = compileBundle(definitions(matters, [bundle(codes, { mode })]), 'test-bundle', '320000');
  expect(compiled.diagnostics).toEqual([]);
  return checklistForSelection(compiled.scenarios[0]!, selected ?? codes);
}

describe('dedupe materials', () => {
  it('lists a material asked by several matters once, with every matter that needs it', () => {
    const list = checklist([
      matter('A001', { materials: [material('separationCert')] }),
      matter('B001', { materials: [material('separationCert')] }),
    ]);
    expect(list).toEqual([expect.objectContaining({ id: 'separationCert', matters: ['A001', 'B001'], exempt: null })]);
  });

  it.each([
    [['required', 'optional'], 'required'],
    [['optional', 'deferrable'], 'deferrable'],
    [['deferrable', 'required'], 'required'],
    [['optional', 'optional'], 'optional'],
  ] as const)('merges necessities %j into %s', (necessities, expected) => {
    const list = checklist([
      matter('A001', { materials: [material('separationCert', { necessity: necessities[0] })] }),
      matter('B001', { materials: [material('separationCert', { necessity: necessities[1] })] }),
    ]);
    expect(list[0]!.necessity).toBe(expected);
  });

  it('keeps the strictest form and the most copies', () => {
    const list = checklist([
      matter('A001', { materials: [material('separationCert', { form: 'electronic', copies: 1 })] }),
      matter('B001', { materials: [material('separationCert', { form: 'paper', copies: 2 })] }),
    ]);
    expect(list[0]).toMatchObject({ form: 'paper', copies: 2 });
  });

  it('ignores what only unselected matters ask for', () => {
    const list = checklist(
      [matter('A001', { materials: [material('separationCert')] }), matter('B001', { materials: [material('bankCard')] })],
      'parallel',
      ['A001'],
    );
    expect(list.map((m) => m.id)).toEqual(['separationCert']);
  });

  it.each([
    ['every matter accepts the e-licence', [true, true], 'e-license'],
    ['one matter wants the document itself', [true, false], null],
  ] as const)('exempts by e-licence when %s', (_name, accepts, reason) => {
    const list = checklist([
      matter('A001', { materials: [material('idCard', { eLicense: accepts[0] })] }),
      matter('B001', { materials: [material('idCard', { eLicense: accepts[1] })] }),
    ]);
    expect(list[0]!.exempt?.reason ?? null).toBe(reason);
  });

  it.each([
    ['every matter allows 告知承诺', [true, true], 'commitment'],
    ['one matter does not', [true, false], null],
  ] as const)('exempts by commitment when %s', (_name, allows, reason) => {
    const list = checklist([
      matter('A001', { materials: [material('separationCert', { commitment: allows[0] })] }),
      matter('B001', { materials: [material('separationCert', { commitment: allows[1] })] }),
    ]);
    expect(list[0]!.exempt?.reason ?? null).toBe(reason);
  });

  const producer = matter('A001', { materials: [], result: { name: '失业登记证明', kind: 'license', material: 'regCert' } });
  const consumer = matter('B001', { materials: [material('regCert')] });

  it.each([
    ['serial', ['A001', 'B001'], 'prior-result'],
    ['parallel', ['A001', 'B001'], null],
    ['serial', ['B001'], null],
  ] as const)('in a %s flow with %j selected, the earlier result stands in: %s', (mode, selected, reason) => {
    const list = checklist([producer, consumer], mode, [...selected]);
    expect(list.find((m) => m.id === 'regCert')!.exempt?.reason ?? null).toBe(reason);
  });
});
