import { describe, expect, it } from 'vitest';
import { record, redo, startHistory, undo } from '../../../studio/src/editor/history.ts';

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
