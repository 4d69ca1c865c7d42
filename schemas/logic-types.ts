/**
 * The logic of a bundle, as officials author it (mirrors `logic.schema.json`): 情形 questions
 * and what their answers do, conditions on fields, groups of optional matters, 受理条件 and
 * 智能审核 rules, and the dependencies of matters on one another.
 */
import type { FieldOption, MatterMaterial } from './matter-parts.ts';

/** A test of one value; exactly one member is set. */
export interface ValueTest {
  equals?: string | number | boolean;
  in?: (string | number)[];
  /** A several-of answer or a multi-choice field contains this option. */
  includes?: string;
  min?: number;
  max?: number;
  /** The value is given (true) or not (false). */
  filled?: boolean;
}

/** A test of the answer to a question. */
export interface AnswerCondition extends ValueTest {
  answer: string;
}

/** A test of a field of the one form (by data element id). */
export interface FieldValueCondition extends ValueTest {
  field: string;
}

/** Whether a matter is among those applied for. */
export interface MatterCondition {
  matter: string;
  selected: boolean;
}

/** A condition over the answers, the form's values and the selected matters. */
export type Condition =
  { all: Condition[] } | { any: Condition[] } | { not: Condition } | AnswerCondition | FieldValueCondition | MatterCondition;

/** 是否 / 单选 / 多选 / 数字 / 日期. */
export type QuestionKind = 'yes-no' | 'one-of' | 'several-of' | 'number' | 'date';

/** A 情形 question: answered first, it decides the matters, materials and form. */
export interface Question {
  /** The answer's key in the application's `answers`; unique in the bundle. */
  id: string;
  text: string;
  kind: QuestionKind;
  options?: FieldOption[];
  /** May be left unanswered. */
  optional?: boolean;
  /** Asked only when this holds. */
  when?: Condition;
  help?: string;
}

/** A material an answer makes necessary (情形化材料); without `matter` it belongs to the whole application. */
export interface EffectMaterial {
  matter?: string;
  material: MatterMaterial;
}

/** What holds when `when` does: matters to handle, matters not to, materials to hand in. */
export interface ScenarioEffect {
  when: Condition;
  require?: string[];
  exclude?: string[];
  materials?: EffectMaterial[];
}

/** A group of optional matters: exactly one, at least one, or at most one of them is applied for. */
export interface MatterGroup {
  kind: 'exactly-one' | 'at-least-one' | 'at-most-one';
  label: string;
  matters: string[];
}

/** A field (id with a dot) or section (key) shown only when `when` holds, and then required if `required`. */
export interface FieldCondition {
  target: string;
  when: Condition;
  required?: boolean;
}

/** A JSON Logic expression (jsonlogic.com) over the application, with this service's domain operations. */
export type JsonLogic = Record<string, unknown>;

/** A sample for a rule: these values set on the example application make the rule pass or fail. */
export interface RuleCase {
  label: string;
  /** Values by data path: `person.idNumber`, `answers.byAgent`, `matters`, `applicationDate`. */
  values: Record<string, unknown>;
  passes: boolean;
}

/** 不予受理 (the application is refused) or 提示 (accepted; the clerk is told). */
export type RuleSeverity = 'reject' | 'warn';

/** A 受理条件 or 智能审核 rule: the application passes when `logic` is true. */
export interface Rule {
  id: string;
  message: string;
  severity: RuleSeverity;
  /** The fields it points at (data element ids). */
  fields: string[];
  logic: JsonLogic;
  /** The law, article and 文号 it rests on. */
  basis?: string;
  /** The 受理条件 in positive words (who may apply), as the 办事指南 states it beside the refusal. */
  condition?: string;
  /** A bundle's rule: only in these scenarios. */
  scenarios?: string[];
  cases?: RuleCase[];
}

/** A matter needs another: its result as input, or its decision first. */
export interface MatterDependency {
  matter: string;
  kind: 'result' | 'decision';
}

/** What became of a sample application, as the runtime would decide it. */
export interface CaseOutcome {
  /** Accepted: a plan is made. */
  accepted: boolean;
  /** Not accepted for the form: the JSON Pointers of its errors. */
  errors?: string[];
  /** Not accepted for a 不予受理 rule: the rules' compiled ids. */
  refusedBy?: string[];
  /** Accepted with 提示 rules broken: their ids. */
  warnings?: string[];
  /** Accepted: the matters handled, in the scenario's order. */
  matters?: string[];
  /** Accepted: the materials handed in (exempt ones left out), by id. */
  materials?: string[];
  /** Accepted: working days after acceptance by which each matter, and the whole bundle, is due. */
  due?: { bundle: number; matters: Record<string, number> };
}

/** A case's application: the scenario, the matters, and the answers and sections as sent. */
export interface CaseApplication {
  scenario: string;
  matters: string[];
  [member: string]: unknown;
}

/** 用例: a sample applicant whose outcome must not change unnoticed. */
export interface GoldenCase {
  id: string;
  label: string;
  /** The day the application is received (rules read it as `applicationDate`). */
  receivedOn: string;
  /** As the applicant sends it: scenario, matters, answers and the form's sections. */
  application: CaseApplication;
  expected: CaseOutcome;
  recordedBy?: string;
  recordedAt?: string;
}
