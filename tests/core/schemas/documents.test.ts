import { describe, expect, it } from 'vitest';
import {
  assembleDefinitions,
  documentId,
  documentRef,
  documentRegion,
  isDocumentKind,
  isReleased,
  pinnedRevisions,
  pinsOf,
  PROVINCE,
  RELEASED_KINDS,
} from '../../../schemas/index.ts';
import { bundle, dictionary, materials, matter } from '../../support/fixtures.ts';

describe('documents', () => {
  it.each([
    ['dictionary', dictionary, 'dictionary', null],
    ['calendar', { years: [2026], holidays: [], workdays: [] }, 'calendar', null],
    ['matter', matter('JSRS-JY-0101'), 'JSRS-JY-0101', null],
    ['matter', { ...matter('SZRS-JY-0101'), region: '320500' }, 'SZRS-JY-0101', '320500'],
    ['matter', { ...matter('JSRS-JY-0102'), region: PROVINCE }, 'JSRS-JY-0102', null],
    ['bundle', bundle(['A001']), 'test-bundle', null],
    ['variant', { id: 'suzhou-x', bundle: 'x', baseVersion: 1, region: '320500', operations: [] }, 'suzhou-x', '320500'],
  ] as const)('a %s names itself and its owner', (kind, body, id, region) => {
    expect(documentId(kind, body)).toBe(id);
    expect(documentRegion(kind, body)).toBe(region);
  });

  it('knows its kinds, and which of them are published on their own', () => {
    expect(isDocumentKind('variant')).toBe(true);
    expect(isDocumentKind('regions')).toBe(false);
    expect(isDocumentKind('__proto__')).toBe(false);
    expect([...RELEASED_KINDS]).toEqual(['calendar', 'parameters', 'variant', 'matter']);
    expect(isReleased('calendar', null)).toBe(true);
    expect(isReleased('parameters', null)).toBe(true);
    expect(isReleased('variant', '320500')).toBe(true);
    expect(isReleased('matter', '320500')).toBe(true);
    expect(isReleased('matter', null)).toBe(false);
    expect(isReleased('bundle', null)).toBe(false);
    expect(documentRef('matter', 'JSRS-JY-0101')).toBe('matter:JSRS-JY-0101');
    expect(documentRef('dictionary', 'dictionary')).toBe('dictionary');
  });

  it('assembles the compiler’s definitions from documents of any source', () => {
    const defs = assembleDefinitions([
      { kind: 'matter', body: matter('A001') },
      { kind: 'dictionary', body: dictionary },
      { kind: 'materials', body: materials },
      { kind: 'bundle', body: bundle(['A001']) },
      { kind: 'matter', body: matter('B001') },
    ]);
    expect(defs.matters.map((m) => m.code)).toEqual(['A001', 'B001']);
    expect(defs.dictionary).toBe(dictionary);
    expect(defs.bundles).toHaveLength(1);
    expect(defs.variants).toEqual([]);
    expect(defs.calendar).toBeUndefined();
    expect(assembleDefinitions([]).dictionary).toEqual({ sections: [], elements: [] });
  });

  it('pins the catalog revisions a version is compiled against, and names them back', () => {
    const pins = pinsOf([
      { kind: 'dictionary', id: 'dictionary', rev: 3 },
      { kind: 'materials', id: 'materials', rev: 1 },
      { kind: 'calendar', id: 'calendar', rev: 7 },
      { kind: 'matter', id: 'A001', rev: 2 },
      { kind: 'bundle', id: 'test-bundle', rev: 5 },
    ]);
    expect(pins).toEqual({ dictionary: 3, materials: 1, matters: { A001: 2 } });
    expect(pinnedRevisions(pins)).toEqual([
      { kind: 'dictionary', id: 'dictionary', rev: 3 },
      { kind: 'materials', id: 'materials', rev: 1 },
      { kind: 'matter', id: 'A001', rev: 2 },
    ]);
  });
});
