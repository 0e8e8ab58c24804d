import { eq } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { villages } from '$lib/server/db/schema';
import { notFound } from '$lib/server/errors';
import { authorize } from '$lib/server/permissions';
import { chainHead } from './chain-head';
import { verifyLedger } from './verify-ledger';
import type { VerifyReport } from './views';

/** Verifies one village's ledger for its committee (or the town admin). */
export function checkVillageLedger(viewer: Viewer | null, villageId: number): VerifyReport {
	// Another village's staff are told "not found", whether or not the village exists.
	authorize(viewer, 'ledger:verify', { kind: 'village', villageId });
	const village = db
		.select({ id: villages.id })
		.from(villages)
		.where(eq(villages.id, villageId))
		.get();
	if (!village) throw notFound();
	const result = verifyLedger(villageId);
	return {
		ok: result.ok,
		villageId,
		entries: result.entries,
		head: chainHead(villageId),
		mismatch: result.ok ? null : result.mismatch,
		checkedAt: new Date().toISOString()
	};
}
