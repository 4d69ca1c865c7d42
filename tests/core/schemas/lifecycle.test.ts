import { describe, expect, it } from 'vitest';
import {
  canMove,
  LIFECYCLE,
  latestLiveVersion,
  lifecycleIn,
  servedVersions,
  stateAt,
  stateLabel,
  VERSION_STATES,
  versionInEffect,
  type VersionHead,
} from '../../../schemas/index.ts';

const v = (version: number, state: VersionHead['state'], pilotRegions: string[] = [], times: Partial<VersionHead> = {}): VersionHead => ({
  version,
  state,
  pilotRegions,
  ...times,
});

describe('lifecycle', () => {
  it('is one table: every stored state has a label, a tag and where it may go', () => {
    expect(VERSION_STATES.every((s) => s in LIFECYCLE)).toBe(true);
    expect(Object.values(LIFECYCLE).map((s) => s.label)).toEqual(['草稿', '试运行', '已发布', '已停用']);
    expect(stateLabel('published')).toBe('已发布');
  });

  it.each([
    ['trial', 'published', true],
    ['trial', 'trial', true],
    ['trial', 'retired', true],
    ['published', 'retired', true],
    ['published', 'trial', false],
    ['published', 'published', false],
    ['retired', 'published', false],
    ['draft', 'published', true],
    ['draft', 'retired', false],
  ] as const)('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canMove(from, to)).toBe(allowed);
  });

  it('serves a region the newest trial it pilots when newer than the latest published version', () => {
    const versions = [v(1, 'published'), v(2, 'published'), v(3, 'trial', ['320500'])];
    expect(versionInEffect(versions, '320500')?.version).toBe(3);
    expect(versionInEffect(versions, '320100')?.version).toBe(2);
    expect(servedVersions(versions, '320500').map((x) => x.version)).toEqual([3, 2, 1]);
    expect(versionInEffect([v(1, 'trial', ['320500']), v(2, 'published')], '320500')?.version).toBe(2);
    expect(versionInEffect([v(1, 'retired')], '320500')).toBeUndefined();
  });

  it('tells which version was in effect at an instant, from the timestamps', () => {
    const versions = [
      v(1, 'retired', [], { createdAt: '2026-01-01T00:00:00Z', publishedAt: '2026-01-01T00:00:00Z', retiredAt: '2026-06-01T00:00:00Z' }),
      v(2, 'published', ['320500'], { createdAt: '2026-03-01T00:00:00Z', publishedAt: '2026-04-01T00:00:00Z' }),
    ];
    expect(versionInEffect(versions, '320100', '2026-02-01T00:00:00Z')?.version).toBe(1);
    expect(versionInEffect(versions, '320500', '2026-03-15T00:00:00Z')?.version).toBe(2); // on trial in Suzhou then
    expect(versionInEffect(versions, '320100', '2026-03-15T00:00:00Z')?.version).toBe(1);
    expect(versionInEffect(versions, '320100', '2026-07-01T00:00:00Z')?.version).toBe(2);
    expect(stateAt(versions[0]!, '2025-12-01T00:00:00Z')).toBeNull();
    expect(stateAt(versions[0]!, '2026-07-01T00:00:00Z')).toBe('retired');
  });

  it('shows the province its newest live version and a city what is in effect there', () => {
    const versions = [v(1, 'published'), v(2, 'trial', ['320500'])];
    expect(latestLiveVersion(versions)?.version).toBe(2);
    expect(lifecycleIn(versions, '320000')).toEqual({ state: 'trial', version: 2 });
    expect(lifecycleIn(versions, '320500')).toEqual({ state: 'trial', version: 2 });
    expect(lifecycleIn(versions, '320100')).toEqual({ state: 'published', version: 1 });
    expect(lifecycleIn([v(1, 'retired')], '320000')).toEqual({ state: 'retired', version: 1 });
    expect(lifecycleIn([], '320000')).toEqual({ state: 'draft', version: null });
  });
});
