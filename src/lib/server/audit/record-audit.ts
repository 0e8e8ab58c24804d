import type { Tx } from '$lib/server/db';
import { auditLog } from '$lib/server/db/schema';

export type AuditEntry = {
	villageId: number | null;
	actorUserId: number | null;
	/** Set when the action was taken on a member's behalf (代办). */
	onBehalfOfMemberId?: number | null;
	action: string;
	subjectType: string;
	subjectId?: number | null;
	detail?: Record<string, unknown>;
};

/** Writes one audit row inside the caller's transaction, so it commits with the change it records. */
export function recordAudit(tx: Tx, entry: AuditEntry): void {
	tx.insert(auditLog).values(entry).run();
}

/** The actor of a request: who pressed the button, and for whom if acting on a member's behalf. */
export type Actor = { userId: number; villageId: number | null; onBehalfOfMemberId: number | null };
