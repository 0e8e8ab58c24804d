import type { Viewer } from '$lib/server/auth/viewer';
import { authorize } from '$lib/server/permissions';
import { versionTarget } from './targets';
import { versionDetail, type VersionDetail } from './views';

/** One version with all its rules, inactive ones too (committee; drafts are theirs alone). */
export function getVersion(viewer: Viewer | null, versionId: number): VersionDetail {
	const { version, target } = versionTarget(versionId);
	authorize(viewer, 'rules:manage', target);
	return versionDetail(version);
}
