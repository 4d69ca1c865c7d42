/**
 * Small hand-made definitions for compiler tests: a dictionary, materials and matters
 * whose merge, dedup and timing outcomes are easy to reason about.
 */
import type {
  Bundle,
  Definitions,
  FieldConstraints,
  Dictionary,
  MaterialsDictionary,
  Matter,
  MatterField,
  MatterMaterial,
  Scenario,
} from '../../schemas/index.ts';

export const dictionary: Dictionary = {
  sections: [
    { id: 'person', label: '申请人信息' },
    { id: 'contact', label: '联系信息' },
    { id: 'bank', label: '银行账户' },
  ],
  elements: [
    { id: 'person.name', label: '姓名', type: 'string', minLength: 2, maxLength: 30, pii: true, example: '张三' },
    { id: 'person.idNumber', label: '公民身份号码', type: 'string', format: 'cn-id-number', pii: true },
    {
      id: 'person.education',
      label: '文化程度',
      type: 'enum',
      options: [
        { value: 'master', label: '硕士研究生' },
        { value: 'bachelor', label: '大学本科' },
        { value: 'college', label: '大学专科' },
      ],
    },
    { id: 'person.age', label: '年龄', type: 'integer', minimum: 16, maximum: 100 },
    { id: 'person.note', label: '备注', type: 'string', maxLength: 200 },
    { id: 'contact.mobile', label: '手机号码', type: 'string', format: 'cn-mobile', pii: true },
    { id: 'bank.accountNumber', label: '银行账号', type: 'string', format: 'cn-bank-card', pii: true },
  ],
};

export const materials: MaterialsDictionary = {
  materials: [
    { id: 'idCard', name: '居民身份证', kind: 'certificate', eLicense: '居民身份证电子证照' },
    {
      id: 'separationCert',
      name: '解除劳动合同证明',
      kind: 'certificate',
      commitment: true,
      certifies: '已与原用人单位解除劳动关系',
      requiredBy: '《中华人民共和国劳动合同法》第五十条',
    },
    { id: 'regCert', name: '失业登记证明', kind: 'certificate' },
    { id: 'bankCard', name: '银行卡', kind: 'certificate', commitment: true, certifies: '本人银行账户', requiredBy: '《测试办法》第一条' },
  ],
};

/** A matter with sensible defaults; pass what the test is about. */
export function matter(code: string, over: Partial<Matter> = {}): Matter {
  return {
    code,
    name: `事项${code}`,
    kind: '20',
    target: 'individual',
    department: '公共就业服务机构',
    legalDays: 20,
    promisedDays: 5,
    visits: 1,
    fields: [
      { ref: 'person.name', required: true },
      { ref: 'person.idNumber', required: true },
    ],
    materials: [{ ref: 'idCard', necessity: 'required', form: 'either', copies: 1, eLicense: true }],
    ...over,
  };
}

export const field = (ref: string, required = true, override?: FieldConstraints): MatterField =>
  override ? { ref, required, override } : { ref, required };

export const material = (ref: string, over: Partial<MatterMaterial> = {}): MatterMaterial => ({
  ref,
  necessity: 'required',
  form: 'either',
  copies: 1,
  ...over,
});

/** A one-scenario bundle over the given matter codes. */
export function bundle(codes: string[], scenario: Partial<Scenario> = {}, over: Partial<Bundle> = {}): Bundle {
  return {
    id: 'test-bundle',
    name: '测试一件事',
    version: 1,
    region: '320000',
    lead: '省就业服务中心',
    scenarios: [
      {
        id: 'main',
        label: '主情形',
        target: 'individual',
        mode: 'parallel',
        items: codes.map((matter, i) => ({ matter, selection: i === 0 ? 'required' : 'optional' })),
        ...scenario,
      },
    ],
    ...over,
  };
}

/** Definitions around the given matters and bundles. */
export function definitions(matters: Matter[], bundles: Bundle[], extra: Partial<Definitions> = {}): Definitions {
  return { dictionary, materials, matters, bundles, variants: [], ...extra };
}

/** A bundle with one empty parallel scenario, for editor operations. */
export const emptyBundle: Bundle = {
  id: 'b',
  name: '测试一件事',
  version: 1,
  region: '320000',
  lead: '省人社厅',
  scenarios: [{ id: 'main', label: '主情形', target: 'individual', mode: 'parallel', items: [] }],
};

/** The i-th of a stream of small matters written through the API (crash and multi-instance tests). */
export function numberedMatter(i: number, name: string) {
  return {
    code: `JSRS-ZZ-${String(i).padStart(4, '0')}`,
    name: `${name}${i}`,
    kind: '20',
    target: 'individual',
    department: '公共就业服务机构',
    legalDays: 5,
    promisedDays: 1,
    visits: 0,
    fields: [{ ref: 'person.name', required: true }],
    materials: [],
  };
}
