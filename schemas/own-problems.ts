/**
 * What a document gets wrong on its own, beyond its JSON Schema and whatever else the catalog
 * holds: one place that every path writing or releasing a document asks (save, import, release).
 */
import type { Diagnostic } from './diagnostics.ts';
import type { DocumentKind } from './documents.ts';
import { parameterProblems } from './parameters.ts';
import { matterOwnProblems } from './resolve-matters.ts';
import type { Matter, PolicyParameters } from './types.ts';

/** The problems of a document valid against its schema: a matter's (承诺 ≤ 法定, its rules' operations), the parameters'. */
export function documentOwnProblems(kind: DocumentKind, body: unknown): Diagnostic[] {
  if (kind === 'matter') return matterOwnProblems(body as Matter);
  if (kind === 'parameters') return parameterProblems(body as PolicyParameters);
  return [];
}
