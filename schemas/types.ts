/**
 * Authored document types. Each mirrors a JSON Schema in this folder
 * (`*.schema.json`); the schema is the contract, these types are its TypeScript face.
 */
import type { FieldCondition, GoldenCase, MatterDependency, MatterGroup, Question, Rule, ScenarioEffect } from './logic-types.ts';
import type { FieldOption, MatterMaterial } from './matter-parts.ts';

export type { FieldOption, MaterialForm, MatterMaterial, Necessity } from './matter-parts.ts';

/** Value type of a data element (数据元). */
export type FieldType = 'string' | 'text' | 'integer' | 'number' | 'boolean' | 'date' | 'enum' | 'multi-enum';

/** Named formats; checksummed ones are registered by every runtime that validates applications. */
export type FieldFormat = 'cn-id-number' | 'cn-uscc' | 'cn-mobile' | 'cn-phone' | 'cn-bank-card' | 'cn-postcode' | 'email';

/** Constraints a field may carry; a matter override narrows them. */
export interface FieldConstraints {
  type?: FieldType;
  format?: FieldFormat;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  options?: FieldOption[];
}

/** 数据元: a reusable field definition; fields are merged across matters by its id. */
export interface DictionaryElement extends FieldConstraints {
  id: string;
  label: string;
  type: FieldType;
  description?: string;
  pii?: boolean;
  /** A value that satisfies the element's constraints, for example applications. */
  example?: unknown;
  /** Computed from another element: not asked when both are in one form. */
  /** Worked out from another element of the form (and, after it, the elements of `with`). */
  derivedFrom?: { element: string; operation: DerivingOperation; with?: string[] };
}

/** How a data element follows from another. */
export type DerivingOperation = 'idBirthDate' | 'idGender' | 'idRegion' | 'unemploymentBenefitMonths';

/** A section of the one form (申请人信息, 单位信息 …): the part of an element id before the first dot. */
export interface DictionarySection {
  id: string;
  label: string;
}

/** The data dictionary document (`bundles/dictionary.json`). */
export interface Dictionary {
  sections: DictionarySection[];
  elements: DictionaryElement[];
}

/** 材料类型: 证件证书证明 / 申请表格文书 / 其他. */
export type MaterialKind = 'certificate' | 'form' | 'other';

/** One standard document of the materials dictionary. */
export interface MaterialDefinition {
  id: string;
  name: string;
  kind: MaterialKind;
  description?: string;
  /** Name of the 电子证照 that stands for it when a matter accepts it. */
  eLicense?: string;
  /** The data sharing between departments that checks it instead (死亡信息共享): never handed in. */
  dataSharing?: string;
  /** 告知承诺 may stand for it: a matter can accept a commitment only for a material that allows it. */
  commitment?: boolean;
  /** The concrete fact it proves (the 告知承诺书 states it). */
  certifies?: string;
  /** 设定依据: the law and article that require this proof (the 告知承诺书 states it). */
  requiredBy?: string;
  /** A list of employees (花名册): in an employer's bundle the form's 职工名单 says it, so it is not handed in. */
  roster?: boolean;
}

/** The materials dictionary document (`bundles/materials.json`). */
export interface MaterialsDictionary {
  materials: MaterialDefinition[];
}

/** 事项类型 codes of the national catalog. */
export type MatterKind = '01' | '02' | '03' | '04' | '05' | '06' | '07' | '08' | '09' | '10' | '20';

/** 服务对象. */
export type Target = 'individual' | 'organization';

/** A matter's use of a dictionary element, optionally narrowed. */
export interface MatterFieldRef {
  ref: string;
  required: boolean;
  override?: FieldConstraints;
}

/** A field only this matter asks for; it lives in the matter's own section. */
export interface MatterLocalField {
  local: Omit<DictionaryElement, 'id' | 'derivedFrom'> & { id: string };
  required: boolean;
}

/** One field of a matter's form. */
export type MatterField = MatterFieldRef | MatterLocalField;

/** 办理结果: what the matter yields; `material` names the document it produces for later matters. */
export interface MatterResult {
  name: string;
  kind: 'license' | 'approval' | 'other';
  material?: string;
}

/** 服务事项. */
export interface Matter {
  code: string;
  /** Owner region of a city-local matter; absent for matters the whole province uses. */
  region?: string;
  name: string;
  kind: MatterKind;
  target: Target;
  department: string;
  /** 法定办结时限, working days; null where the law sets none (无). */
  legalDays: number | null;
  /** Where the law sets 法定时限: the law and article, shown beside the figure. */
  legalDaysBasis?: string;
  /** The fewest working days its back office has agreed to take inside a bundle that shortens its promise. */
  minimumDays?: number;
  /** 承诺办结时限, working days; 0 = 即办件. */
  promisedDays: number;
  /** 到办事现场次数. */
  visits: number;
  fields: MatterField[];
  materials: MatterMaterial[];
  result?: MatterResult;
  /** 前置事项: matters whose result or decision this one needs first. */
  dependsOn?: MatterDependency[];
  /** 受理条件: rules that hold whenever this matter is applied for. */
  rules?: Rule[];
  /** 设立依据, one citation each. */
  basis?: Citation[];
  /** Why 设立依据 is empty, where it is (no document is cited that cannot be verified). */
  basisNote?: string;
  /** 办事服务要素; what is left out takes the province's default (see `serviceOf`). */
  service?: MatterService;
}

/** One 设立依据: a law (法律、法规、规章) or a normative document, its 文号 and the articles that apply. */
export interface Citation {
  kind: 'law' | 'document';
  /** The title without 书名号. */
  title: string;
  /** 文号 or 令号, e.g. 人社部发〔2011〕47号. */
  docNo?: string;
  /** e.g. 第十四条、第十六条. */
  articles?: string;
}

/** 实施主体层级. */
export type AgencyLevel = 'province' | 'city' | 'county';

/** 通办范围. */
export type ServiceScope = 'national' | 'province' | 'city' | 'none';

/** 结果送达方式. */
export type Delivery = 'window' | 'mail' | 'online';

/** The 办事指南 elements of a matter beyond its legal ones. */
export interface MatterService {
  level?: AgencyLevel;
  /** 收费; absent: 不收费. */
  fee?: string;
  place?: string;
  hours?: string;
  consultPhone?: string;
  complaintPhone?: string;
  onlineUrl?: string;
  scope?: ServiceScope;
  delivery?: Delivery[];
}

/** 模式. */
export type Mode = 'integrated' | 'parallel' | 'serial';

/** 必选 / 可选. */
export type Selection = 'required' | 'optional';

/** One matter of a scenario. */
export interface BundleItem {
  matter: string;
  selection: Selection;
  /** Cities may not change a locked item. */
  locked?: boolean;
  /** The matter's promise inside this bundle (working days), at most its own. */
  promisedDays?: number;
}

/** "before must finish before after starts". */
export interface FlowEdge {
  before: string;
  after: string;
}

/** 情形引导: the question and the answer that leads to this scenario. */
export interface GuidingQuestion {
  question: string;
  answer: string;
}

/** 分类 / 办事情形. */
export interface Scenario {
  id: string;
  label: string;
  target: Target;
  mode: Mode;
  guide?: GuidingQuestion;
  questions?: Question[];
  effects?: ScenarioEffect[];
  groups?: MatterGroup[];
  items: BundleItem[];
  edges?: FlowEdge[];
  promisedDays?: number;
  layout?: Record<string, { x: number; y: number }>;
}

/** A bundle-level adjustment of a merged field; `prefer` resolves a conflict with one matter's version. */
export interface FieldOverride {
  field: string;
  label?: string;
  description?: string;
  /** Position within its section of the one form (lower first); unset keeps first-asked order. */
  order?: number;
  prefer?: string;
  constraints?: FieldConstraints;
}

/** 一件事. */
export interface Bundle {
  id: string;
  name: string;
  version: number;
  region: string;
  lead: string;
  description?: string;
  promisedDays?: number;
  scenarios: Scenario[];
  fieldOverrides?: FieldOverride[];
  fieldConditions?: FieldCondition[];
  rules?: Rule[];
  cases?: GoldenCase[];
  /** An employer's bundle for several employees at once: the sections filled in once per employee. */
  roster?: RosterDefinition;
}

/** 职工名单: the sections of the one form that an employer fills in for each employee. */
export interface RosterDefinition {
  /** Dictionary sections (person, contact, employment …); the others are filled in once. */
  sections: string[];
  /** The most employees one application may list (default 50). */
  maxItems?: number;
}

/** Position of an added item relative to an existing one. */
export type Anchor = { after: string } | { before: string } | { parallelTo: string };

/** One operation of a city's variant. */
export type VariantOperation =
  | { op: 'addItem'; scenario: string; matter: string; selection: Selection; anchor?: Anchor }
  | { op: 'removeItem'; scenario: string; matter: string }
  | { op: 'setSelection'; scenario: string; matter: string; selection: Selection }
  | { op: 'tightenDays'; scenario?: string; days: number }
  | { op: 'relabelScenario'; scenario: string; label: string }
  | { op: 'relabelField'; field: string; label: string }
  | { op: 'addLocalField'; matter: string; field: MatterLocalField }
  | { op: 'addLocalMaterial'; matter: string; material: MatterMaterial }
  | { op: 'addNote'; text: string }
  | { op: 'pilot'; participate: boolean };

/** 地方版本: a city's overlay on one provincial bundle version. */
export interface Variant {
  id: string;
  bundle: string;
  baseVersion: number;
  region: string;
  operations: VariantOperation[];
  /** The city's own cases, and its outcomes of the province's (same id). */
  cases?: GoldenCase[];
}

/** Working-day calendar: statutory holidays and 调休 working weekend days. */
export interface WorkCalendar {
  years: number[];
  holidays: string[];
  workdays: string[];
  provisional?: number[];
}

/**
 * 政策参数: a figure that policy sets and changes — a minimum contribution period, a retirement
 * age, a benefit duration — with each value it has had, from its 施行日期, and the source of each.
 * Rules and derivations name it; the value used is the one in force on the day that matters.
 */
export interface PolicyParameter {
  /** What rules call it: `pension.minContributionMonths`. */
  name: string;
  /** What officials and applicants read: 按月领取基本养老金的最低缴费年限. */
  label: string;
  /** Its unit (月, 周岁, 年, 倍, %), or 日期 for a date value. */
  unit: string;
  /** Where it is listed in the studio: 退休, 失业保险 …. */
  group: string;
  description?: string;
  /** Every value it has had, each from its 施行日期 until the next one's. */
  values: ParameterValue[];
}

/** One value of a parameter, in force from `from` (YYYY-MM-DD) until the next value's `from`. */
export interface ParameterValue {
  from: string;
  /** A number, or a date (YYYY-MM-DD) when the parameter's unit is 日期. */
  value: number | string;
  /** The instrument and article that set it. */
  source: string;
}

/** The catalog's one document of policy parameters. */
export interface PolicyParameters {
  parameters: PolicyParameter[];
}

/** Everything the compiler reads. */
export interface Definitions {
  dictionary: Dictionary;
  materials: MaterialsDictionary;
  matters: Matter[];
  bundles: Bundle[];
  variants: Variant[];
  calendar?: WorkCalendar;
  parameters?: PolicyParameters;
}
