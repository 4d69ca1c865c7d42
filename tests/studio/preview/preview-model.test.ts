import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allMatters, compileBundle, exampleApplication, requiredMatters } from '../../../schemas/index.ts';
import { loadDefinitions } from '../../../server/catalog/shipped.ts';
import { applicationOf, errorsOf, previewModel } from '../../../studio/src/preview/preview-model.ts';

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
        expect(errorsOf(c, applicationOf(model, s.id, selected, values, full.answers)).size).toBe(0);
        for (const section of model.sections) {
          for (const f of section.fields) {
            if (f.readonly) continue;
            const without = JSON.parse(JSON.stringify(values)) as Record<string, Record<string, unknown>>;
            delete without[section.key]![f.key];
            const errors = errorsOf(c, applicationOf(model, s.id, selected, without, full.answers));
            expect(errors.has(`/${section.key}/${f.key}`), `${c.id}/${s.id} ${f.id}`).toBe(f.required);
          }
        }
      }),
      { numRuns: 60 },
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
});
