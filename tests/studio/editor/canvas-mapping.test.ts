import { describe, expect, it } from 'vitest';
import { compileBundle, type Bundle } from '../../../schemas/index.ts';
import { addItem, arrange, setSelection } from '../../../studio/src/editor/bundle-ops.ts';
import { autoLayout, edgeOf, toEdges, toNodes } from '../../../studio/src/editor/canvas-mapping.ts';
import { definitions, emptyBundle, matter } from '../../support/fixtures.ts';

const empty = emptyBundle;
const withThree = () => ['A001', 'B001', 'C001'].reduce((b, code, i) => addItem(b, 'main', code, { x: 300 - i * 100, y: 0 }), empty);

describe('canvas-mapping', () => {
  it('maps a compiled scenario to nodes and edges, laid out by stage when no layout is stored', () => {
    const b = setSelection(arrange(withThree(), 'main', 'serial'), 'main', 'C001', 'required');
    const noLayout = { ...b, scenarios: b.scenarios.map((s) => ({ ...s, layout: {} })) };
    const compiled = compileBundle(
      definitions(
        ['A001', 'B001', 'C001'].map((c) => matter(c)),
        [noLayout],
      ),
      'b',
      '320000',
    );
    const scenario = compiled.scenarios[0]!;
    const nodes = toNodes(noLayout.scenarios[0]!, scenario, compiled.diagnostics, 'B001');
    expect(nodes.map((n) => [n.id, n.position.x, n.data.selection, !!n.selected])).toEqual([
      ['C001', 40, 'required', false],
      ['B001', 320, 'optional', true],
      ['A001', 600, 'optional', false],
    ]);
    expect(autoLayout(scenario)).toEqual({ C001: { x: 40, y: 40 }, B001: { x: 320, y: 40 }, A001: { x: 600, y: 40 } });
    const edges = toEdges(scenario);
    expect(edges.map((e) => e.id)).toEqual(['C001->B001', 'B001->A001']);
    expect(edgeOf(edges[0]!.id)).toEqual({ before: 'C001', after: 'B001' });
  });

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

  it('places a matter the layout does not know (a city adds it) where it touches no placed one', () => {
    const b = withThree();
    const layout = { A001: { x: 40, y: 40 }, B001: { x: 320, y: 40 } };
    const partial = { ...b, scenarios: b.scenarios.map((s) => ({ ...s, layout })) };
    const compiled = compileBundle(
      definitions(
        ['A001', 'B001', 'C001'].map((c) => matter(c)),
        [partial],
      ),
      'b',
      '320000',
    );
    const nodes = toNodes(partial.scenarios[0]!, compiled.scenarios[0], [], null);
    const c = nodes.find((n) => n.id === 'C001')!.position;
    for (const placed of Object.values(layout)) expect(Math.abs(c.x - placed.x) >= 236 || Math.abs(c.y - placed.y) >= 100).toBe(true);
  });

  it('draws the edges matter dependencies make apart from the bundle edges, marked with their kind, and never deletable', () => {
    const b = arrange(withThree(), 'main', 'parallel');
    const compiled = compileBundle(
      definitions([matter('A001'), matter('B001', { dependsOn: [{ matter: 'A001', kind: 'result' }] }), matter('C001')], [b]),
      'b',
      '320000',
    );
    const edges = toEdges(compiled.scenarios[0]);
    expect(edges).toEqual([
      expect.objectContaining({ id: 'A001->B001', class: 'dependency', deletable: false, data: { dependency: 'result' } }),
    ]);
  });
});
