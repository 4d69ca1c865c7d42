/**
 * Chinese words for the model's codes, in one place: the studio, the guide, the API's
 * text fields and the business diff all read them from here.
 */
import type { ExemptReason } from './compiled-types.ts';
import type { MatterDependency, MatterGroup, QuestionKind, RuleSeverity } from './logic-types.ts';
import type { FieldType, MaterialForm, MaterialKind, MatterKind, Mode, Necessity, Selection, Target } from './types.ts';

/** 模式: short (canvas, diff) and as a guide says it. */
export const MODE_LABELS = {
  serial: { short: '串行', long: '依次办理' },
  parallel: { short: '并行', long: '并行办理' },
  integrated: { short: '整合办', long: '整合办理' },
} as const satisfies Record<Mode, { short: string; long: string }>;

/** 服务对象 / 办事对象. */
export const TARGET_LABELS = { individual: '个人', organization: '单位' } as const satisfies Record<Target, string>;

/** 必选 / 可选. */
export const SELECTION_LABELS = { required: '必选', optional: '可选' } as const satisfies Record<Selection, string>;

/** 必要性. */
export const NECESSITY_LABELS = { required: '必要', optional: '非必要', deferrable: '容缺后补' } as const satisfies Record<
  Necessity,
  string
>;

/** 材料形式. */
export const FORM_LABELS = { paper: '纸质', electronic: '电子', either: '纸质或电子' } as const satisfies Record<MaterialForm, string>;

/** 数据元的值类型. */
export const FIELD_TYPE_LABELS = {
  string: '文本',
  text: '多行文本',
  integer: '整数',
  number: '数字',
  boolean: '是/否',
  date: '日期',
  enum: '单选',
  'multi-enum': '多选',
} as const satisfies Record<FieldType, string>;

/** 材料种类. */
export const MATERIAL_KIND_LABELS = { certificate: '证件证书证明', form: '申请表格文书', other: '其他' } as const satisfies Record<
  MaterialKind,
  string
>;

/** Why a material need not be handed in (免提交). */
export const EXEMPT_LABELS = {
  'prior-result': '前序结果',
  'e-license': '电子证照',
  commitment: '告知承诺',
  'data-sharing': '数据共享',
  roster: '职工名单',
} as const satisfies Record<ExemptReason, string>;

/** 事项类型 of the national catalog. */
export const MATTER_KIND_LABELS = {
  '01': '行政许可',
  '02': '行政处罚',
  '03': '行政强制',
  '04': '行政征收',
  '05': '行政给付',
  '06': '行政检查',
  '07': '行政确认',
  '08': '行政奖励',
  '09': '行政裁决',
  '10': '其他行政权力',
  '20': '公共服务',
} as const satisfies Record<MatterKind, string>;

/** Why a matter waits for another (事项依赖): 其 stands for the other matter. */
export const DEPENDENCY_LABELS = { result: '需要其办理结果', decision: '须待其作出决定' } as const satisfies Record<
  MatterDependency['kind'],
  string
>;

/** 情形问题的类型. */
export const QUESTION_KIND_LABELS = {
  'yes-no': '是否',
  'one-of': '单选',
  'several-of': '多选',
  number: '数字',
  date: '日期',
} as const satisfies Record<QuestionKind, string>;

/** What a group of optional matters asks for. */
export const GROUP_KIND_LABELS = {
  'exactly-one': '恰好选一个',
  'at-least-one': '至少选一个',
  'at-most-one': '至多选一个',
} as const satisfies Record<MatterGroup['kind'], string>;

/** What a rule does when it fails. */
export const SEVERITY_LABELS = { reject: '不予受理', warn: '提示核查' } as const satisfies Record<RuleSeverity, string>;

/** Working days as officials write them: 0 is 即办. */
export function daysText(days: number): string {
  return days === 0 ? '即办' : `${days} 个工作日`;
}

/** A 法定时限 in words: the working days, or 无 where the law sets none. */
export function legalDaysText(days: number | null): string {
  return days === null ? '无' : `${days} 个工作日`;
}
