/**
 * The policy an application is judged under, beside its own answers: the working-day calendar
 * (time limits, `workingDaysBetween`) and the 政策参数 (figures whose value depends on the day).
 * Both are released on their own, so the same bundle version is judged under today's.
 */
import { prepareCalendar, type PreparedCalendar } from './calendar.ts';
import { prepareParameters, type PreparedParameters } from './parameters.ts';
import type { Definitions } from './types.ts';

/** The calendar and the parameters, prepared. */
export interface Policy {
  calendar: PreparedCalendar;
  parameters: PreparedParameters;
}

/** No calendar (weekdays only) and no parameters (every parameter without a value). */
export const NO_POLICY: Policy = { calendar: prepareCalendar(undefined), parameters: prepareParameters(undefined) };

const policies = new WeakMap<PreparedCalendar, WeakMap<PreparedParameters, Policy>>();

/** The policy of a calendar and a parameters document (the same object for the same two documents). */
export function policyOf(defs: Pick<Definitions, 'calendar' | 'parameters'>): Policy {
  const calendar = prepareCalendar(defs.calendar);
  const parameters = prepareParameters(defs.parameters);
  let byParameters = policies.get(calendar);
  if (!byParameters) policies.set(calendar, (byParameters = new WeakMap()));
  let policy = byParameters.get(parameters);
  if (!policy) byParameters.set(parameters, (policy = { calendar, parameters }));
  return policy;
}
