/**
 * The regions a deployment serves: one province and its cities. The list itself is data
 * (`bundles/regions.json`); the province's code is the one fact code may rely on.
 */

/** 江苏省: the province whose staff author the bundles; cities customise them. */
export const PROVINCE = '320000';

/** A region: the province or one of its cities. */
export interface Region {
  code: string;
  name: string;
  /** The province's code, for a city. */
  parent?: string;
}

/** True for the province's own code. */
export function isProvince(code: string): boolean {
  return code === PROVINCE;
}
