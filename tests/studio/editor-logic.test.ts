import { describe, expect, it } from 'vitest';
import { compileBundle, type Bundle } from '../../schemas/index.ts';
import {
  addItem,
  arrange,
  connect,
  disconnect,
  moveField,
  removeItem,
  setFieldOverride,
  setSelection,
} from '../../studio/src/editor/bundle-ops.ts';
import { autoLayout, edgeOf, toEdges, toNodes } from '../../studio/src/editor/canvas-mapping.ts';
import { record, redo, startHistory, undo } from '../../studio/src/editor/history.ts';
import { initials, matches } from '../../studio/src/util/pinyin.ts';
import { definitions, matter } from '../support/fixtures.ts';

const empty: Bundle = {
  id: 'b',
  name: '测试一件事',
  version: 1,
  region: '320000',
  lead: '省人社厅',
  scenarios: [{ id: 'main', label: '主情形', target: 'individual', mode: 'parallel', items: [] }],
};
const withThree = () => ['A001', 'B001', 'C001'].reduce((b, code, i) => addItem(b, 'main', code, { x: 300 - i * 100, y: 0 }), empty);

describe('history', () => {
  it('undoes and redoes, and a new edit drops the redo branch', () => {
    let h = startHistory(1);
    h = record(h, 2);
    h = record(h, 3);
    h = undo(h);
    expect(h.present).toBe(2);
    h = redo(h);
    expect(h.present).toBe(3);
    h = undo(undo(h));
    h = record(h, 9);
    expect(h).toEqual({ past: [1], present: 9, future: [] });
    expect(undo(startHistory(1))).toEqual(startHistory(1));
  });
});

describe('bundle-ops', () => {
  it('adds matters as optional, once, at their canvas position, without touching the input', () => {
    const b = withThree();
    expect(b.scenarios[0]!.items).toEqual([
      { matter: 'A001', selection: 'optional' },
      { matter: 'B001', selection: 'optional' },
      { matter: 'C001', selection: 'optional' },
    ]);
    expect(addItem(b, 'main', 'A001', { x: 0, y: 0 })).toEqual(b);
    expect(empty.scenarios[0]!.items).toEqual([]);
  });

  it('arranges serial in left-to-right canvas order, and parallel without dependencies', () => {
    const serial = arrange(withThree(), 'main', 'serial');
    expect(serial.scenarios[0]!.mode).toBe('serial');
    expect(serial.scenarios[0]!.items.map((i) => i.matter)).toEqual(['C001', 'B001', 'A001']);
    expect(arrange(serial, 'main', 'parallel').scenarios[0]).toMatchObject({ mode: 'parallel', edges: [] });
  });

  it('refuses a connection that closes a cycle, and names it', () => {
    let b = withThree();
    b = connect(b, 'main', { before: 'A001', after: 'B001' }).bundle;
    b = connect(b, 'main', { before: 'B001', after: 'C001' }).bundle;
    const refused = connect(b, 'main', { before: 'C001', after: 'A001' });
    expect(refused.bundle).toBe(b);
    expect(refused.cycle).toEqual(['A001', 'B001', 'C001', 'A001']);
    expect(connect(b, 'main', { before: 'A001', after: 'A001' }).cycle).not.toBeNull();
  });

  it('turns a serial chain into explicit edges when one is removed', () => {
    const serial = arrange(withThree(), 'main', 'serial');
    const cut = disconnect(serial, 'main', { before: 'C001', after: 'B001' });
    expect(cut.scenarios[0]).toMatchObject({ mode: 'parallel', edges: [{ before: 'B001', after: 'A001' }] });
  });

  it('keeps the order around a removed matter', () => {
    let b = withThree();
    b = connect(b, 'main', { before: 'A001', after: 'B001' }).bundle;
    b = connect(b, 'main', { before: 'B001', after: 'C001' }).bundle;
    expect(removeItem(b, 'main', 'B001').scenarios[0]!.edges).toEqual([{ before: 'A001', after: 'C001' }]);
  });

  it('records a conflict resolution as a field override, and clears an empty one', () => {
    const b = setFieldOverride(empty, { field: 'person.education', prefer: 'A001' });
    expect(b.fieldOverrides).toEqual([{ field: 'person.education', prefer: 'A001' }]);
    expect(setFieldOverride(b, { field: 'person.education' }).fieldOverrides).toBeUndefined();
  });
});

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
});

describe('pinyin search', () => {
  it.each([
    ['失业保险金申领', 'sybxjsl'],
    ['社会保障卡申领', 'shbzksl'],
    ['企业职工基本养老保险退休审批', 'qyzgjbylbxtxsp'],
    ['工伤医疗（康复、住院伙食补助）费用申领', 'gsylkfzyhsbzfysl'],
  ])('%s → %s', (name, expected) => {
    expect(initials(name)).toBe(expected);
  });

  it('matches by name, code or initials', () => {
    expect(matches('sybx', '失业保险金申领', 'JSRS-SY-0101')).toBe(true);
    expect(matches('SY-01', '失业保险金申领', 'JSRS-SY-0101')).toBe(true);
    expect(matches('保险金', '失业保险金申领')).toBe(true);
    expect(matches('gsyl', '失业保险金申领')).toBe(false);
  });
});

describe('one form order', () => {
  it('moves a field within its section by making the order explicit', () => {
    const moved = moveField(empty, ['person.name', 'person.idNumber', 'person.age'], 'person.age', -1);
    expect(moved.fieldOverrides).toEqual([
      { field: 'person.name', order: 0 },
      { field: 'person.age', order: 1 },
      { field: 'person.idNumber', order: 2 },
    ]);
    expect(moveField(empty, ['person.name'], 'person.name', -1)).toBe(empty);
  });
});
