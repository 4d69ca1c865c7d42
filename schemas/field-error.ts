/** The shape every described validation error has: a leaf that error-messages.ts and roster.ts both use. */

/** One validation error as front ends show it. */
export interface FieldError {
  /** JSON Pointer of the offending value (for `required`, of the missing property). */
  path: string;
  keyword: string;
  message: string;
}
