import type { Tx } from '$lib/server/db';
import { GENESIS_HASH, type EntryKind, type LedgerEntry } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { hashEntry } from './hash';
import { signIsValid } from './kinds';
import { ledgerStatements } from './statements';

export type NewEntry = {
	villageId: number;
	householdId: number;
	/** Who earned it; null/absent for the household as a whole. */
	memberId?: number | null;
	kind: EntryKind;
	/** Signed: see signIsValid. */
	points: number;
	/** Where it came from. (type, id, kind) is unique: a retry returns the first entry. */
	source: { type: string; id: number };
	/** The rule applied and the rule-book version it was in (a published or superseded one). */
	rule?: { ruleId: number; ruleVersionId: number } | null;
	note?: string | null;
	actorUserId?: number | null;
	onBehalfOfMemberId?: number | null;
	/** When it happened; now unless given (the demo seed back-dates its history). */
	at?: Date;
};

export type PostResult = {
	entry: LedgerEntry;
	/** false: an entry for this source and kind already existed and is returned instead. */
	created: boolean;
};

/** Kinds that spend points: they may never take a balance below zero. */
const SPENDING: ReadonlySet<EntryKind> = new Set(['redeem', 'expire']);

const bad = (message: string) => new DomainError('validation', { message });

/**
 * The one way points move. Call it inside your own `write()` transaction (BEGIN IMMEDIATE, so
 * reading the chain head and the balance here is safe against every other writer): it appends
 * the entry to the village's hash chain and sets the household's cached balance to the new
 * running balance, both in that transaction.
 *
 * Posting the same source and kind twice returns the first entry with `created: false` — unless
 * the second asks for something different (another household or amount), which is a conflict.
 */
export function postEntry(tx: Tx, input: NewEntry): PostResult {
	const { villageId, householdId, kind, points, source } = input;
	if (!Number.isSafeInteger(points) || !signIsValid(kind, points)) {
		throw bad(`ledger: ${points} points is not a valid ${kind} entry`);
	}
	if (!/^[a-z_]{1,30}$/.test(source.type) || !Number.isSafeInteger(source.id)) {
		throw bad(`ledger: bad source ${source.type}:${source.id}`);
	}

	const q = ledgerStatements(tx);
	const existing = q.bySource.get({ sourceType: source.type, sourceId: source.id, kind });
	if (existing) {
		if (existing.householdId !== householdId || existing.points !== points) {
			throw new DomainError('conflict', { details: { entryId: existing.id } });
		}
		return { entry: existing, created: false };
	}

	const household = q.household.get({ id: householdId });
	if (!household || household.villageId !== villageId) throw new DomainError('not_found');
	const memberId = input.memberId ?? null;
	if (memberId !== null && q.memberHousehold.get({ id: memberId })?.householdId !== householdId) {
		throw bad(`ledger: member ${memberId} is not in household ${householdId}`);
	}
	const rule = input.rule ?? null;
	if (rule) {
		// A rule may be cited from its version of this village's rule book, once adopted.
		const row = q.rule.get({ id: rule.ruleId });
		if (
			row?.versionId !== rule.ruleVersionId ||
			row.villageId !== villageId ||
			row.status === 'draft'
		) {
			throw new DomainError('rule_not_current');
		}
	}

	const before = q.lastOfHousehold.get({ id: householdId })?.balanceAfter ?? 0;
	// The cache must agree with the ledger before we build on it; if someone edited one of them
	// behind our back, stop and let `ledger:verify` say where.
	if (household.balance !== before) throw new DomainError('ledger_inconsistent');
	const balanceAfter = before + points;
	if (SPENDING.has(kind) && balanceAfter < 0) throw new DomainError('insufficient_points');

	const head = q.head.get({ id: villageId });
	const fields = {
		seq: (head?.seq ?? 0) + 1,
		villageId,
		householdId,
		memberId,
		kind,
		points,
		sourceType: source.type,
		sourceId: source.id,
		ruleId: rule?.ruleId ?? null,
		ruleVersionId: rule?.ruleVersionId ?? null,
		note: input.note ?? null,
		actorUserId: input.actorUserId ?? null,
		onBehalfOfMemberId: input.onBehalfOfMemberId ?? null,
		createdAt: (input.at ?? new Date()).getTime(),
		balanceAfter,
		prevHash: head?.hash ?? GENESIS_HASH
	};
	const entry = q.insert.get({
		...fields,
		createdAt: new Date(fields.createdAt),
		hash: hashEntry(fields)
	});
	if (!entry) throw new Error('ledger: insert returned nothing');
	q.setBalance.run({ balance: balanceAfter, id: householdId });
	return { entry, created: true };
}
