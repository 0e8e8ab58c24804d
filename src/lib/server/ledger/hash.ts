import { createHash } from 'node:crypto';
import type { EntryKind } from '$lib/server/db/schema';

/** The fields an entry's hash covers, in the order they are serialized. */
export type HashedFields = {
	seq: number;
	villageId: number;
	householdId: number;
	memberId: number | null;
	kind: EntryKind;
	points: number;
	sourceType: string;
	sourceId: number;
	ruleId: number | null;
	ruleVersionId: number | null;
	note: string | null;
	actorUserId: number | null;
	onBehalfOfMemberId: number | null;
	/** Milliseconds since the epoch. */
	createdAt: number;
	balanceAfter: number;
	prevHash: string;
};

/**
 * The canonical serialization: a JSON array in a fixed order, tagged with a format version.
 * JSON.stringify of numbers, strings and null is deterministic, so anyone can recompute it (the
 * row id is left out: the chain's own position is `seq`).
 */
export function canonicalEntry(e: HashedFields): string {
	return JSON.stringify([
		'jishan-ledger-v1',
		e.seq,
		e.villageId,
		e.householdId,
		e.memberId,
		e.kind,
		e.points,
		e.sourceType,
		e.sourceId,
		e.ruleId,
		e.ruleVersionId,
		e.note,
		e.actorUserId,
		e.onBehalfOfMemberId,
		e.createdAt,
		e.balanceAfter,
		e.prevHash
	]);
}

/** SHA-256 (hex) of the canonical serialization, which includes the previous entry's hash. */
export function hashEntry(e: HashedFields): string {
	return createHash('sha256').update(canonicalEntry(e), 'utf8').digest('hex');
}
