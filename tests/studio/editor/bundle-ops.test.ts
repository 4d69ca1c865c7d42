import { describe, expect, it } from 'vitest';
import {
  addItem,
  arrange,
  connect,
  disconnect,
  moveField,
  removeItem,
  setFieldOverride,
  setRoster,
} from '../../../studio/src/editor/bundle-ops.ts';
import { emptyBundle } from '../../support/fixtures.ts';

const empty = emptyBundle;
const withThree = () => ['A001', 'B001', 'C001'].reduce((b, code, i) => addItem(b, 'main', code, { x: 300 - i * 100, y: 0 }), empty);

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

  it('moves a field within its section by making the order explicit', () => {
    const moved = moveField(empty, ['person.name', 'person.idNumber', 'person.age'], 'person.age', -1);
    expect(moved.fieldOverrides).toEqual([
      { field: 'person.name', order: 0 },
      { field: 'person.age', order: 1 },
      { field: 'person.idNumber', order: 2 },
    ]);
    expect(moveField(empty, ['person.name'], 'person.name', -1)).toBe(empty);
  });

  it('sets the 职工名单, leaves the default limit out, and takes it away with no sections', () => {
    const b = setRoster(empty, { sections: ['person', 'contact'], maxItems: 50 });
    expect(b.roster).toEqual({ sections: ['person', 'contact'] });
    expect(setRoster(b, { sections: ['person'], maxItems: 20 }).roster).toEqual({ sections: ['person'], maxItems: 20 });
    expect(setRoster(b, { sections: [] })).not.toHaveProperty('roster');
    expect(setRoster(b, undefined)).not.toHaveProperty('roster');
    expect(empty).not.toHaveProperty('roster');
  });
});
