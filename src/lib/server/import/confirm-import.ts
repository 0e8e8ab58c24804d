import { and, eq, sql } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { recordAudit } from '$lib/server/audit/record-audit';
import { db, write, type DB, type Tx } from '$lib/server/db';
import { auditLog } from '$lib/server/db/schema';
import { notFound } from '$lib/server/errors';
import { authorize } from '$lib/server/permissions';
import { importInvalid, ownVillage } from './access';
import { applyPlan } from './apply-plan';
import { deletePending, loadPending, type PendingImport } from './pending';
import { loadVillageState, planImport } from './plan-import';
import { previewOf } from './preview-import';
import { readSheet } from './read-sheet';
import type { ImportPreview, ImportResult } from './schemas';

export const IMPORT_AUDIT_ACTION = 'people.import';

/**
 * Imports a previewed file: re-reads the same bytes and re-checks them against the village as it
 * is now, then writes every household and member in ONE transaction — or nothing, refusing with
 * import_invalid. Confirming an id that was already imported returns that import's result and
 * writes nothing (the audit row, written in the same transaction, is the proof).
 */
export async function confirmImport(viewer: Viewer | null, id: string): Promise<ImportResult> {
	const pending = ownPending(viewer, id);
	if (!pending) {
		const done = findImport(db, ownVillage(viewer, 'people:import'), id);
		if (done) return done;
		throw notFound();
	}
	const read = await readSheet({ name: pending.fileName, bytes: pending.bytes });
	if (!read.ok) throw importInvalid(read.errors);
	const { villageId } = pending;
	const result = write((tx) => {
		// A confirm that raced this one (double tap) may have imported it meanwhile.
		const done = findImport(tx, villageId, id);
		if (done) return done;
		const state = loadVillageState(tx, villageId);
		const planned = planImport(read.sheet, state);
		if (!planned.ok) throw importInvalid(planned.errors);
		const { plan } = planned;
		const { householdIds } = applyPlan(tx, villageId, plan, state);
		const result: ImportResult = {
			id,
			imported: true,
			fileName: pending.fileName,
			households: householdIds.length,
			members: plan.rows,
			newGroups: plan.newGroups
		};
		recordAudit(tx, {
			villageId,
			actorUserId: viewer!.userId,
			action: IMPORT_AUDIT_ACTION,
			subjectType: 'import',
			detail: {
				importId: id,
				fileName: pending.fileName,
				households: result.households,
				members: result.members,
				newGroups: plan.newGroups,
				householdNumbers: plan.households.map((h) => h.number)
			}
		});
		return result;
	});
	deletePending(id);
	return result;
}

export type ImportStatus =
	| { state: 'pending'; preview: ImportPreview }
	/** The village changed after the preview, and the file no longer fits. */
	| { state: 'invalid'; fileName: string; errors: ImportPreview['errors'] }
	| { state: 'done'; result: ImportResult };

/** Where an import stands, re-checked now: for the preview page. */
export async function getImport(viewer: Viewer | null, id: string): Promise<ImportStatus> {
	const pending = ownPending(viewer, id);
	const done = findImport(db, pending?.villageId ?? ownVillage(viewer, 'people:import'), id);
	if (done) {
		if (pending) deletePending(id);
		return { state: 'done', result: done };
	}
	if (!pending) throw notFound();
	const read = await readSheet({ name: pending.fileName, bytes: pending.bytes });
	const planned = read.ok ? planImport(read.sheet, loadVillageState(db, pending.villageId)) : read;
	if (!planned.ok) return { state: 'invalid', fileName: pending.fileName, errors: planned.errors };
	return { state: 'pending', preview: previewOf(id, pending.fileName, planned.plan) };
}

/**
 * The viewer's pending import with this id. Another village's is not_found (tenant isolation);
 * so is another committee member's: a preview belongs to whoever uploaded it.
 */
function ownPending(viewer: Viewer | null, id: string): PendingImport | null {
	const pending = loadPending(id);
	if (!pending) return null;
	authorize(viewer, 'people:import', { kind: 'village', villageId: pending.villageId });
	if (pending.userId !== viewer.userId) throw notFound();
	return pending;
}

/** The result of the import with this id in the village, if it was confirmed. */
function findImport(q: DB | Tx, villageId: number, id: string): ImportResult | null {
	const row = q
		.select({ detail: auditLog.detail })
		.from(auditLog)
		.where(
			and(
				eq(auditLog.villageId, villageId),
				eq(auditLog.action, IMPORT_AUDIT_ACTION),
				sql`json_extract(${auditLog.detail}, '$.importId') = ${id}`
			)
		)
		.get();
	if (!row?.detail) return null;
	const d = row.detail as {
		fileName: string;
		households: number;
		members: number;
		newGroups: string[];
	};
	return {
		id,
		imported: true,
		fileName: d.fileName,
		households: d.households,
		members: d.members,
		newGroups: d.newGroups
	};
}
