/**
 * What the compiler emits: one CompiledBundle per bundle and region. It is self-sufficient:
 * the runtime and the studio derive per-selection checklists, time limits and plans from it
 * with the pure functions of this folder, without the source documents.
 */
import type { Diagnostic } from './diagnostics.ts';
import type { ServiceText } from './service.ts';
import type {
  CaseOutcome,
  Condition,
  MatterDependency,
  MatterGroup,
  Question,
  RuleCase,
  RuleSeverity,
  ScenarioEffect,
} from './logic-types.ts';
import type {
  DerivingOperation,
  FieldFormat,
  FieldOption,
  FieldType,
  FlowEdge,
  GuidingQuestion,
  MaterialForm,
  MaterialKind,
  MatterKind,
  MatterResult,
  MatterService,
  Mode,
  Necessity,
  Selection,
  Target,
} from './types.ts';

/** A matter as front ends need it. */
export interface MatterSummary {
  code: string;
  name: string;
  kind: MatterKind;
  target: Target;
  department: string;
  /** null: the law sets none (无). */
  legalDays: number | null;
  /** The law and article that set 法定时限. */
  legalDaysBasis?: string;
  promisedDays: number;
  /** The fewest working days its back office agreed to inside a bundle. */
  minimumDays?: number;
  visits: number;
  result?: MatterResult;
  /** 设立依据, as one line of citations. */
  basis?: string;
  /** Why 设立依据 is empty. */
  basisNote?: string;
  /** 办事服务要素 the matter states (the guide fills in the defaults). */
  service?: MatterService;
}

/** One item of a compiled scenario. */
export interface CompiledItem {
  selection: Selection;
  locked: boolean;
  /** The matter's promise in this bundle, when the bundle sets one below the matter's own. */
  promisedDays?: number;
  matter: MatterSummary;
}

/** One matter's request for a material. */
export interface MaterialSource {
  matter: string;
  necessity: Necessity;
  form: MaterialForm;
  copies: number;
  commitment: boolean;
  eLicense: boolean;
  /** 容缺受理: 补交 within this many working days after acceptance. */
  remedyDays?: number;
  note?: string;
  /** Asked only when this holds (a material an answer makes necessary). */
  when?: Condition;
}

/** A material with every matter of the scenario that asks for it, before a selection is known. */
export interface MaterialRequest {
  id: string;
  name: string;
  kind: MaterialKind;
  eLicenseName?: string;
  /** Checked through data sharing between departments: never handed in. */
  dataSharing?: string;
  /** A list of employees the form's 职工名单 already gives (an employer's bundle): never handed in. */
  inRoster?: true;
  /** The fact it proves and the law that requires it, for the 告知承诺书. */
  certifies?: string;
  requiredBy?: string;
  sources: MaterialSource[];
  /** Matters of the scenario whose result is this material. */
  producedBy: string[];
}

/** Why the applicant need not hand a material in (免提交). */
export type ExemptReason = 'prior-result' | 'e-license' | 'commitment' | 'data-sharing' | 'roster';

/** One line of the deduplicated checklist (一套材料) for a selection. */
export interface ChecklistItem {
  id: string;
  name: string;
  kind: MaterialKind;
  necessity: Necessity;
  form: MaterialForm;
  copies: number;
  matters: string[];
  exempt: { reason: ExemptReason; by?: string; note: string } | null;
  /** The matters' own notes on it: 容缺 补交 deadlines, who need not hand it in. */
  notes?: string[];
  /** Only in some cases (情形化材料), said in words; absent once an application's answers decided it. */
  when?: string;
}

/** Longest path through the selected matters. */
export interface TimeLimit {
  /** Working days along the critical path. */
  criticalDays: number;
  /** The matters on it, in order. */
  criticalPath: string[];
  /** What the bundle promises: the promise when set, else the critical path. */
  days: number;
}

/** before = matters done one by one; after = the bundle. */
export interface Reduction {
  before: number;
  after: number;
}

/** 四减 (and 减跑动). */
export interface Reductions {
  fields: Reduction;
  materials: Reduction;
  days: Reduction;
  steps: Reduction;
  visits: Reduction;
}

/** One scenario after compilation. */
export interface CompiledScenario {
  id: string;
  label: string;
  target: Target;
  mode: Mode;
  guide?: GuidingQuestion;
  items: CompiledItem[];
  /** Every "before" dependency, the serial chain included. */
  edges: FlowEdge[];
  /** The edges the catalog's matter dependencies make (drawn apart from the bundle's own). */
  dependencies: DependencyEdge[];
  questions: Question[];
  effects: ScenarioEffect[];
  groups: MatterGroup[];
  /** Topological stages: matters of one stage may run in parallel. */
  stages: string[][];
  promisedDays?: number;
  materials: MaterialRequest[];
  /** Time limit with every matter selected. */
  timeLimit: TimeLimit;
  /** Time limit with only the required matters. */
  requiredOnlyTimeLimit: TimeLimit;
  /** Checklist with every matter selected. */
  checklist: ChecklistItem[];
  reductions: Reductions;
}

/** An edge a catalog dependency makes: `after` needs `before`'s result or decision. */
export interface DependencyEdge extends FlowEdge {
  kind: MatterDependency['kind'];
}

/** Which matter asked for a merged field, and whether it requires it. */
export interface FieldSource {
  matter: string;
  required: boolean;
}

/** One field of the one form after merging. */
export interface MergedField {
  /** Dictionary id (`person.idNumber`) or `<matter section>.<local id>`. */
  id: string;
  section: string;
  key: string;
  label: string;
  description?: string;
  type: FieldType;
  format?: FieldFormat;
  patterns: string[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  options?: FieldOption[];
  pii: boolean;
  local: boolean;
  /** The dictionary's example value, when it has one. */
  example?: unknown;
  sources: FieldSource[];
  /** Unresolved conflicts between the sources (Chinese), when there are any. */
  conflicts?: string[];
  /** Set when a conflict was resolved by the bundle's field override. */
  resolvedBy?: 'prefer' | 'constraints';
  /** Computed from another field of the form: not asked, filled in. */
  /** Worked out from the field `from` (and the fields of `with`, as further arguments), not asked. */
  derived?: { from: string; operation: DerivingOperation; with?: string[] };
  /** Shown only when this holds (and then required if `required` says so, besides its matters). */
  condition?: { when: Condition; required: boolean };
}

/** A section of the one form. */
export interface FormSection {
  key: string;
  label: string;
  /** Set for a matter's own section. */
  matter?: string;
  /** Filled in once per employee, inside the roster (`employees[i]`). */
  roster?: true;
}

/** 办事指南 model. */
export interface Guide {
  title: string;
  lead: string;
  departments: string[];
  notes: string[];
  /** An employer's bundle: how its list of employees is filled in, in words. */
  roster?: string;
  /** 救济途径: 行政复议 and 行政诉讼, with their time limits and laws. */
  remedy: string;
  scenarios: {
    id: string;
    label: string;
    target: Target;
    guide?: GuidingQuestion;
    matters: {
      code: string;
      name: string;
      selection: Selection;
      department: string;
      /** null: the law sets none (无). */
      legalDays: number | null;
      /** The law and article that set it. */
      legalDaysBasis?: string;
      promisedDays: number;
      /** Its share of a bundle promise shorter than its chain (本件中), when below its own promise. */
      bundleDays?: number;
      result?: string;
      basis?: string;
      /** Why 设立依据 is empty. */
      basisNote?: string;
      /** 到办事现场次数. */
      visits: number;
      /** 收费, 办理地点 and 时间, 咨询 / 投诉电话, 网办入口, 通办范围, 结果送达, in words. */
      service: ServiceText;
    }[];
    /** The 情形 questions asked first, with their options. */
    questions: { text: string; options: string[] }[];
    /** What the system works out for the applicant (derived fields of the scenario's matters), in words. */
    computed: { label: string; text: string }[];
    /** 受理条件 in positive words (who may apply), each with its basis. */
    eligibility: { text: string; basis?: string }[];
    /** The 政策参数 (names) its rules and computed fields read: the guide shows each with its value in force and source. */
    parameters: string[];
    /** 不予受理情形: the cases refused (the rules' messages), each with its basis. */
    conditions: { text: string; basis?: string }[];
    steps: string[];
    days: number;
    visits: number;
    checklist: ChecklistItem[];
  }[];
}

/** The JSON Forms UI schema element types we emit. */
export interface UiElement {
  type: 'VerticalLayout' | 'Group' | 'Control';
  label?: string;
  scope?: string;
  elements?: UiElement[];
  options?: Record<string, unknown>;
  rule?: { effect: 'SHOW' | 'HIDE' | 'ENABLE' | 'DISABLE'; condition: { scope: string; schema: Record<string, unknown> } };
}

/** A rule as exported: its logic holds wherever it does not apply. */
export interface ExportedRule {
  id: string;
  /** The matter whose 受理条件 it is, or null for the bundle's own. */
  matter: string | null;
  message: string;
  severity: RuleSeverity;
  fields: string[];
  /** JSON Pointers of its fields in the application. */
  paths: string[];
  /** A bundle's rule: the scenarios it applies in (all when absent). */
  scenarios?: string[];
  /**
   * Set when the rule reads an employee's sections: it is evaluated once per entry of this
   * array, on the application with that entry's sections in place, and its `paths` are
   * relative to the entry (`/employees/1/person/birthDate` for the second employee).
   */
  each?: 'employees';
  logic: Record<string, unknown>;
  basis?: string;
  /** The 受理条件 in positive words. */
  condition?: string;
  cases?: RuleCase[];
}

/** The roster of an employer's bundle, as compiled. */
export interface CompiledRoster {
  key: 'employees';
  label: string;
  maxItems: number;
  /** Fields no two employees share (the ID number): the same person is listed once. */
  unique: string[];
}

/** A JSON Schema 2020-12 document, as plain data. */
export type JsonSchema = Record<string, unknown>;

/** A 用例 as the compile reran it. */
export interface CaseResult {
  id: string;
  label: string;
  /** The province's case, or the city's (its own, or its outcome of the province's). */
  origin: 'province' | 'city';
  expected: CaseOutcome;
  actual: CaseOutcome;
  /** What differs, in the official's words; empty when the outcome holds. */
  changes: string[];
}

/** The compiler's output for one bundle in one region. */
export interface CompiledBundle {
  id: string;
  name: string;
  version: number;
  region: string;
  variant: { id: string; baseVersion: number } | null;
  lead: string;
  departments: string[];
  description?: string;
  scenarios: CompiledScenario[];
  sections: FormSection[];
  fields: MergedField[];
  /** 职工名单: set when the sections marked `roster` are filled in once per employee. */
  roster?: CompiledRoster;
  /** 受理条件 and 智能审核: what the runtime checks beyond the schema, and any front end can. */
  rules: ExportedRule[];
  /** The 用例 rerun on this compile. */
  cases: CaseResult[];
  schema: JsonSchema;
  uiSchema: UiElement;
  guide: Guide;
  diagnostics: Diagnostic[];
}
