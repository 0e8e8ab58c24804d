import { desc, eq } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { ruleVersions } from '$lib/server/db/schema';
import { authorize } from '$lib/server/permissions';
import { versionSummary, type VersionSummary } from './views';

/** Every version of the village's rule book, the draft included, newest first (committee). */
export function listVersions(viewer: Viewer | null, villageId: number): VersionSummary[] {
	authorize(viewer, 'rules:manage', { kind: 'village', villageId });
	return db
		.select()
		.from(ruleVersions)
		.where(eq(ruleVersions.villageId, villageId))
		.orderBy(desc(ruleVersions.number))
		.all()
		.map(versionSummary);
}
