import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allMatters, compileBundle, exampleApplication, policyOf, requiredMatters } from '../../../schemas/index.ts';
import { loadDefinitions } from '../../../server/catalog/shipped.ts';
import { applicationOf, errorsOf, previewModel, rulesBrokenBy, type EnteredValues } from '../../../studio/src/preview/preview-model.ts';
import { runs } from '../../support/runs.ts';

const defs = loadDefinitions();
const compiled = defs.bundles.map((b) => compileBundle(defs, b.id, '320500'));
const cases = compiled.flatMap((c) => c.scenarios.map((s) => ({ c, s })));

describe('preview model', () => {
  it('marks a field required exactly when the exported schema requires it, for generated selections', () => {
    fc.assert(
      fc.property(fc.nat(cases.length - 1), fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }), (pick, ticks) => {
        const { c, s } = cases[pick]!;
        const selected = [...requiredMatters(s), ...allMatters(s).filter((m, i) => !requiredMatters(s).includes(m) && ticks[i % 12])];
        if (selected.length === 0) return;
        const full = exampleApplication(c, s.id, selected) as Record<string, Record<string, unknown>>;
        // a selection the scenario's logic does not allow (two alternatives of one step) has no example: skip it
        fc.pre(!errorsOf(c, full).has('/matters'));
        const model = previewModel(c, s.id, selected, full);
        const values = JSON.parse(JSON.stringify(full)) as Record<string, Record<string, unknown>>;
        // an employer's bundle: its one example employee
        const rows = (full.employees ?? []) as unknown as EnteredValues[];
        const app = (v: EnteredValues, e: EnteredValues[]) => applicationOf(model, s.id, selected, v, full.answers, e);
        expect(errorsOf(c, app(values, rows)).size).toBe(0);
        const shown = [
          ...model.sections.map((section) => ({ section, employee: -1 })),
          ...(model.employees?.[0]?.sections ?? []).map((section) => ({ section, employee: 0 })),
        ];
        for (const { section, employee } of shown) {
          for (const f of section.fields) {
            if (f.readonly) continue;
            const without = structuredClone(employee < 0 ? values : rows[employee]!);
            delete without[section.key]![f.key];
            const errors = errorsOf(c, employee < 0 ? app(without, rows) : app(values, [without]));
            const path = `${employee < 0 ? '' : `/employees/${employee}`}/${section.key}/${f.key}`;
            expect(errors.has(path), `${c.id}/${s.id} ${f.id}`).toBe(f.required);
          }
        }
      }),
      { numRuns: runs(60) },
    );
  });

  it('words errors as the server does', () => {
    const c = compiled.find((x) => x.id === 'unemployment')!;
    const model = previewModel(c, 'main', ['JSRS-JY-0101']);
    const errors = errorsOf(c, applicationOf(model, 'main', ['JSRS-JY-0101'], { person: { name: '张三' } }));
    expect(errors.get('/person/idNumber')).toBe('「公民身份号码」为必填项');
  });

  it('shows only the sections and materials of the selected matters', () => {
    const c = compiled.find((x) => x.id === 'unemployment')!;
    const only = previewModel(c, 'main', ['JSRS-JY-0101']);
    expect(only.sections.some((s) => s.key === 'bank')).toBe(false);
    expect(previewModel(c, 'main', ['JSRS-JY-0101', 'JSRS-SY-0101']).sections.some((s) => s.key === 'bank')).toBe(true);
    expect(only.checklist.map((m) => m.id)).toEqual(['idCard', 'separationCert']);
  });

  it('lists several employees for an employer: each one shown, conditioned, checked and named on its own', () => {
    const c = compiled.find((x) => x.id === 'separation')!;
    const example = exampleApplication(c) as Record<string, unknown>;
    const [first] = example.employees as EnteredValues[];
    const second: EnteredValues = {
      ...structuredClone(first!),
      person: { name: '李四', idNumber: '' },
      bank: { payTo: 'other' },
      employment: { endDate: '2026-12-20', separationReason: 'expire' },
    };
    const data = { ...example, employees: [first, second] };
    const model = previewModel(c, 'main', example.matters as string[], data);
    // the bank account is asked only of the employee paid to another account
    const bankOf = (i: number) => model.employees![i]!.sections.find((s) => s.key === 'bank')!.fields.map((f) => f.key);
    expect(bankOf(0)).toEqual(['payTo']);
    expect(bankOf(1)).toEqual(['payTo', 'name', 'accountName', 'accountNumber']);
    expect(model.sections.map((s) => s.key)).toEqual(['org', 'agent']);
    const app = applicationOf(model, 'main', example.matters as string[], example as EnteredValues, {}, [first!, second]);
    const errors = errorsOf(c, app);
    expect(errors.get('/employees/1/person/idNumber')).toBe('第 2 名职工的「公民身份号码」为必填项');
    expect(errors.get('/employees/1/bank/accountNumber')).toBe('第 2 名职工的「银行账号」为必填项');
    expect([...errors.keys()].some((p) => p.startsWith('/employees/0'))).toBe(false);
    // 退工停保 is applied for after the employee has left: only the second one is refused
    const broken = rulesBrokenBy(c, app, '2026-11-27', policyOf(defs));
    expect(broken.map((r) => [r.row, r.paths])).toEqual([[1, ['/employees/1/employment/endDate']]]);
    expect(broken[0]!.message).toMatch(/^第 2 名职工：/);
    // the same person entered twice is named, as the runtime names it
    const twice = applicationOf(model, 'main', example.matters as string[], example as EnteredValues, {}, [first!, first!]);
    expect(errorsOf(c, twice).get('/employees/1/person/idNumber')).toBe(
      '第 2 名职工的「公民身份号码」与第 1 名职工相同：同一名职工只填一次',
    );
  });
});
