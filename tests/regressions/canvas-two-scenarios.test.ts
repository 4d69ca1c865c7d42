import { expect, it } from 'vitest';
import { compileBundle, type Bundle } from '../../schemas/index.ts';
import { toNodes } from '../../studio/src/editor/canvas-mapping.ts';
import { definitions, matter } from '../support/fixtures.ts';

it('marks the node of the scenario a diagnostic is in, not the same item of another scenario', () => {
  const bundle: Bundle = {
    id: 'two',
    name: '两个情形',
    version: 1,
    region: '320000',
    lead: '省人社厅',
    scenarios: [
      { id: 'first', label: '第一', target: 'individual', mode: 'parallel', items: [{ matter: 'A001', selection: 'required' }] },
      {
        id: 'second',
        label: '第二',
        target: 'individual',
        mode: 'parallel',
        items: [
          { matter: 'Z999', selection: 'required' },
          { matter: 'B001', selection: 'optional' },
        ],
      },
    ],
  };
  const compiled = compileBundle(definitions([matter('A001'), matter('B001')], [bundle]), 'two', '320000');
  expect(compiled.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.path])).toEqual([
    ['matter.unknown', '/scenarios/1/items/0/matter'],
  ]);
  const first = toNodes(bundle.scenarios[0]!, compiled.scenarios[0], compiled.diagnostics, null);
  expect(first.map((n) => [n.id, n.data.problems])).toEqual([['A001', 0]]);
});
