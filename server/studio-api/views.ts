/** How stored records leave the studio API: the contract's views, without storage details. */
import type { Bundle, DocumentView, VersionRecord, VersionView } from '../../schemas/index.ts';
import type { BundleVersion, StoredDocument } from '../store/store.ts';

/** A stored document as the API shows it. */
export function documentView(doc: StoredDocument): DocumentView {
  const { kind, id, rev, region, updatedAt, updatedBy, body } = doc;
  return { kind, id, rev, region, updatedAt, updatedBy, body };
}

/** A version without its body and pins. */
export function versionView(v: BundleVersion): VersionView {
  const { bundleId, version, state, pilotRegions, createdAt, createdBy, publishedAt, retiredAt } = v;
  return { bundleId, version, state, pilotRegions, createdAt, createdBy, publishedAt, retiredAt };
}

/** A version with the bundle as versioned. */
export function versionRecord(v: BundleVersion): VersionRecord {
  return { ...versionView(v), body: v.body as Bundle };
}
