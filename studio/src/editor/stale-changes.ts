/**
 * Whose change is whose when another official saved first, in business terms: both versions
 * compared with the saved one they started from (three-way), each compiled on the same base. An
 * edit that is not a business change yet (a 情形引导 question typed before its answer) is named
 * by where it is; "nothing changed" is said only when only the canvas moved.
 */
import { diffCompiled, documentChanges, type CompiledBundle, type Draft } from '../../../schemas/index.ts';

/** The changes of one side against the base, in words. */
function side(base: Draft, draft: Draft, compile: (d: Draft) => CompiledBundle, compiledBase: CompiledBundle): string[] {
  const business = diffCompiled(compiledBase, compile(draft)).map((c) => c.text);
  if (business.length) return business;
  return documentChanges(base.body, draft.body).map((place) => `「${place}」有修改（尚未完整，暂不影响办理）`);
}

/** Their changes and mine since the base both started from. */
export function staleChanges(
  base: Draft,
  mine: Draft,
  theirs: Draft,
  compile: (d: Draft) => CompiledBundle,
): { theirs: string[]; mine: string[] } {
  const compiledBase = compile(base);
  return { theirs: side(base, theirs, compile, compiledBase), mine: side(base, mine, compile, compiledBase) };
}
