/**
 * A synthetic catalog at provincial scale for benchmarks: 500 dictionary elements, 5,000
 * matters of 8–15 fields and 2–6 materials each, and bundles of any size drawn from them.
 * Deterministic (a seeded generator), so runs compare.
 */
import type { Bundle, Definitions, DictionaryElement, FieldType, Matter, Mode } from '../../schemas/index.ts';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const TYPES: FieldType[] = ['string', 'string', 'string', 'text', 'integer', 'number', 'boolean', 'date', 'enum', 'multi-enum'];
const SECTIONS = ['person', 'contact', 'org', 'bank', 'employment', 'business', 'injury', 'retire', 'talent', 'card'];

/** The synthetic definitions (without bundles) and a bundle factory over them. */
export function syntheticCatalog(elementsCount = 500, mattersCount = 5000, seed = 42) {
  const random = rng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const elements: DictionaryElement[] = Array.from({ length: elementsCount }, (_, i) => {
    const type = pick(TYPES);
    const e: DictionaryElement = { id: `${SECTIONS[i % SECTIONS.length]}.field${i}`, label: `数据元${i}`, type };
    if (type === 'string' || type === 'text') Object.assign(e, { minLength: 1, maxLength: 20 + (i % 80) });
    if (type === 'integer' || type === 'number') Object.assign(e, { minimum: 0, maximum: 1000 + i });
    if (type === 'enum' || type === 'multi-enum')
      e.options = Array.from({ length: 3 + (i % 5) }, (_, k) => ({ value: `o${k}`, label: `选项${k}` }));
    return e;
  });
  const materialIds = Array.from({ length: 200 }, (_, i) => `material${i}`);
  const common = elements.slice(0, 30); // the ID number, name, phone … every matter asks for
  const matters: Matter[] = Array.from({ length: mattersCount }, (_, i) => {
    const fieldCount = 8 + Math.floor(random() * 8);
    const refs = new Set<string>();
    while (refs.size < fieldCount) refs.add((refs.size < 4 ? pick(common) : pick(elements)).id);
    const mats = new Set<string>();
    const materialCount = 2 + Math.floor(random() * 5);
    while (mats.size < materialCount) mats.add(pick(materialIds));
    const promised = Math.floor(random() * 15);
    return {
      code: `SYN-${String(i).padStart(5, '0')}`,
      name: `合成事项${i}`,
      kind: '20',
      target: 'individual',
      department: `经办机构${i % 40}`,
      legalDays: promised + 5,
      promisedDays: promised,
      visits: Math.floor(random() * 2),
      fields: [...refs].map((ref) => ({ ref, required: random() < 0.7 })),
      materials: [...mats].map((ref) => ({
        ref,
        necessity: random() < 0.7 ? 'required' : 'optional',
        form: 'either',
        copies: 1,
        commitment: random() < 0.2,
        eLicense: random() < 0.2,
      })),
      result: random() < 0.2 ? { name: `结果${i}`, kind: 'license', material: pick(materialIds) } : undefined,
    } as Matter;
  });
  for (const m of matters) if (!m.result) delete m.result;
  const definitions: Definitions = {
    dictionary: { sections: SECTIONS.map((id) => ({ id, label: id })), elements },
    materials: {
      materials: materialIds.map((id, i) => ({
        id,
        name: `材料${i}`,
        kind: 'other',
        // any of them may be accepted by 告知承诺 (the matters above choose which)
        commitment: true,
        certifies: `材料${i}证明的事实`,
        requiredBy: `《合成办法》第${i + 1}条`,
        ...(i % 7 === 0 ? { eLicense: `电子证照${i}` } : {}),
      })),
    },
    matters,
    bundles: [],
    variants: [],
  };

  /** A bundle of `size` matters starting at `offset`, in two scenarios with a mixed flow. */
  const makeBundle = (id: string, size: number, offset: number, mode: Mode = 'serial'): Bundle => {
    const codes = matters.slice(offset, offset + size).map((m) => m.code);
    const half = Math.ceil(codes.length / 2);
    return {
      id,
      name: `合成一件事${id}`,
      version: 1,
      region: '320000',
      lead: '省人社厅',
      scenarios: [
        {
          id: 'a',
          label: '情形甲',
          target: 'individual',
          mode,
          items: codes.slice(0, half).map((matter, i) => ({ matter, selection: i === 0 ? 'required' : 'optional' })),
        },
        {
          id: 'b',
          label: '情形乙',
          target: 'individual',
          mode: 'parallel',
          items: codes.slice(half).map((matter, i) => ({ matter, selection: i % 3 === 0 ? 'required' : 'optional' })),
          edges: codes
            .slice(half + 1)
            .filter((_, i) => i % 2 === 0)
            .map((after, i) => ({ before: codes[half + i]!, after })),
        },
      ],
    };
  };
  return { definitions, makeBundle };
}
