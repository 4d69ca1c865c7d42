/**
 * The parts of a matter that the logic types name too (an option, a material): a leaf of the
 * type graph, so that types.ts and logic-types.ts both import it and neither imports the other.
 */

/** One option of an enum field. */
export interface FieldOption {
  value: string;
  label: string;
}

/** 必要性: 必要 / 非必要 / 容缺后补. */
export type Necessity = 'required' | 'optional' | 'deferrable';

/** 材料形式: 纸质 / 电子 / 均可. */
export type MaterialForm = 'paper' | 'electronic' | 'either';

/** One 申请材料 of a matter. */
export interface MatterMaterial {
  ref: string;
  necessity: Necessity;
  form: MaterialForm;
  copies: number;
  /** 告知承诺: a signed commitment may replace the document. */
  commitment?: boolean;
  /** 电子证照: the office fetches the e-licence, so the applicant need not submit it. */
  eLicense?: boolean;
  /** 容缺受理: the working days after acceptance within which a deferred document is handed in. */
  remedyDays?: number;
  note?: string;
}
