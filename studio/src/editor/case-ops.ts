/**
 * 用例 as the studio makes them: a sample applicant from the preview, recorded with the
 * outcome the compile gives it now. The server reruns it on every compile; when the outcome
 * changes it is recorded again on the server (audited), never here.
 */
import { caseOutcome, type CompiledBundle, type GoldenCase, type Policy } from '../../../schemas/index.ts';

/** The next free id `case-N` among `cases`. */
export function nextCaseId(cases: readonly GoldenCase[]): string {
  const taken = new Set(cases.map((c) => c.id));
  let n = cases.length + 1;
  while (taken.has(`case-${n}`)) n++;
  return `case-${n}`;
}

/** A new case of `application` received on `receivedOn`, with its outcome now under `policy` (its parameters as on that day). */
export function newCase(
  compiled: CompiledBundle,
  cases: readonly GoldenCase[],
  label: string,
  application: GoldenCase['application'],
  receivedOn: string,
  by: string,
  at: string,
  policy: Policy,
): GoldenCase {
  const expected = caseOutcome(compiled, application, receivedOn, policy);
  return { id: nextCaseId(cases), label, receivedOn, application, expected, recordedBy: by, recordedAt: at };
}

/** `cases` without the one of `id`. */
export function withoutCase(cases: readonly GoldenCase[], id: string): GoldenCase[] {
  return cases.filter((c) => c.id !== id);
}
