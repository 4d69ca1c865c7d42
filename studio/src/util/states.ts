/** Lifecycle wording shared by the list and the editor. */
import type { VersionView } from '../stores/catalog.store.ts';

export const STATE_TEXT = { draft: '草稿', trial: '试运行', published: '已发布', retired: '已停用' } as const;
export const STATE_TYPE = { draft: 'info', trial: 'warning', published: 'success', retired: 'danger' } as const;

/** The state a region sees for a bundle: a trial it pilots, else the latest published, else draft. */
export function stateIn(versions: readonly VersionView[], region: string): { state: keyof typeof STATE_TEXT; version: number | null } {
  const published = [...versions].reverse().find((v) => v.state === 'published');
  const trial = [...versions].reverse().find((v) => v.state === 'trial' && (region === '320000' || v.pilotRegions.includes(region)));
  if (trial && (!published || trial.version > published.version)) return { state: 'trial', version: trial.version };
  if (published) return { state: 'published', version: published.version };
  const retired = versions.at(-1);
  if (retired?.state === 'retired') return { state: 'retired', version: retired.version };
  return { state: 'draft', version: null };
}
