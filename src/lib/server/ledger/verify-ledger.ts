import { db, sqlite } from '$lib/server/db';
import { GENESIS_HASH, type EntryKind } from '$lib/server/db/schema';
import { hashEntry } from './hash';
import { signIsValid } from './kinds';

export type MismatchProblem =
	'seq' | 'prev_hash' | 'hash' | 'sign' | 'village' | 'balance_after' | 'household_balance';

/** The first thing found wrong: where, and what was expected against what is stored. */
export type LedgerMismatch = {
	problem: MismatchProblem;
	villageId: number;
	/** The entry at fault; null for a household whose cached balance is wrong. */
	entryId: number | null;
	seq: number | null;
	householdId: number | null;
	expected: string | number;
	found: string | number;
};

export type ChainHead = { villageId: number; entries: number; hash: string };

export type VerifyResult =
	| { ok: true; entries: number; households: number; heads: ChainHead[] }
	| { ok: false; entries: number; mismatch: LedgerMismatch };

/**
 * The columns read, in order. Rows come as arrays (better-sqlite3's raw mode): building an
 * object per row was more than half of the time over millions of entries.
 */
const COLUMNS = [
	'id',
	'village_id',
	'seq',
	'household_id',
	'member_id',
	'kind',
	'points',
	'source_type',
	'source_id',
	'rule_id',
	'rule_version_id',
	'note',
	'actor_user_id',
	'on_behalf_of_member_id',
	'created_at',
	'balance_after',
	'prev_hash',
	'hash'
] as const;

type RawRow = [
	id: number,
	villageId: number,
	seq: number,
	householdId: number,
	memberId: number | null,
	kind: EntryKind,
	points: number,
	sourceType: string,
	sourceId: number,
	ruleId: number | null,
	ruleVersionId: number | null,
	note: string | null,
	actorUserId: number | null,
	onBehalfOfMemberId: number | null,
	createdAt: number,
	balanceAfter: number,
	prevHash: string,
	hash: string
];

type Row = {
	id: number;
	village_id: number;
	seq: number;
	household_id: number;
	member_id: number | null;
	kind: EntryKind;
	points: number;
	source_type: string;
	source_id: number;
	rule_id: number | null;
	rule_version_id: number | null;
	note: string | null;
	actor_user_id: number | null;
	on_behalf_of_member_id: number | null;
	created_at: number;
	balance_after: number;
	prev_hash: string;
	hash: string;
};

/**
 * Recomputes everything the ledger promises, from the entries alone: for each village the chain
 * (seq 1, 2, 3 …; each prevHash is the previous hash; each hash is SHA-256 of the entry), the sign
 * of every entry, every running balance, and finally that each household's cached balance equals
 * the sum of its entries. Streams the rows in one read transaction (a consistent snapshot while
 * writers carry on) and stops at the first mismatch. All villages unless one is given.
 */
export function verifyLedger(villageId?: number): VerifyResult {
	return db.transaction(() => {
		const scope = villageId === undefined ? '' : 'WHERE village_id = ?';
		const args = villageId === undefined ? [] : [villageId];
		const households = new Map<number, { villageId: number; cached: number; sum: number }>();
		for (const h of sqlite
			.prepare(`SELECT id, village_id, balance FROM households ${scope}`)
			.iterate(...args) as Iterable<{ id: number; village_id: number; balance: number }>) {
			households.set(h.id, { villageId: h.village_id, cached: h.balance, sum: 0 });
		}

		// One pass in storage (id) order: a village's entries are written with seq and id rising
		// together (postEntry, one transaction), so each village's chain is met in order while the
		// table is read front to back — no index lookup per entry (county scale: 5M entries).
		const heads = new Map<number, ChainHead>();
		let entries = 0;
		const rows = sqlite
			.prepare(`SELECT ${COLUMNS.join(', ')} FROM ledger_entries ${scope} ORDER BY id`)
			.raw(true)
			.iterate(...args) as Iterable<RawRow>;
		for (const raw of rows) {
			const row = rowOf(raw);
			let head = heads.get(row.village_id);
			if (!head) {
				head = { villageId: row.village_id, entries: 0, hash: GENESIS_HASH };
				heads.set(row.village_id, head);
			}
			const at = (problem: MismatchProblem, expected: string | number, found: string | number) =>
				({
					ok: false,
					entries,
					mismatch: {
						problem,
						villageId: row.village_id,
						entryId: row.id,
						seq: row.seq,
						householdId: row.household_id,
						expected,
						found
					}
				}) as const;
			if (row.seq !== head.entries + 1) return at('seq', head.entries + 1, row.seq);
			if (row.prev_hash !== head.hash) return at('prev_hash', head.hash, row.prev_hash);
			const hash = hashEntry(fieldsOf(row));
			if (row.hash !== hash) return at('hash', hash, row.hash);
			if (!signIsValid(row.kind, row.points)) return at('sign', row.kind, row.points);
			const household = households.get(row.household_id);
			if (!household || household.villageId !== row.village_id) {
				return at('village', row.village_id, household?.villageId ?? 'missing');
			}
			household.sum += row.points;
			if (row.balance_after !== household.sum) {
				return at('balance_after', household.sum, row.balance_after);
			}
			head.entries = row.seq;
			head.hash = row.hash;
			entries++;
		}

		for (const [id, h] of households) {
			if (h.cached !== h.sum) {
				return {
					ok: false,
					entries,
					mismatch: {
						problem: 'household_balance',
						villageId: h.villageId,
						entryId: null,
						seq: null,
						householdId: id,
						expected: h.sum,
						found: h.cached
					}
				};
			}
		}
		return {
			ok: true,
			entries,
			households: households.size,
			heads: [...heads.values()].sort((a, b) => a.villageId - b.villageId)
		};
	});
}

function rowOf(r: RawRow): Row {
	return {
		id: r[0],
		village_id: r[1],
		seq: r[2],
		household_id: r[3],
		member_id: r[4],
		kind: r[5],
		points: r[6],
		source_type: r[7],
		source_id: r[8],
		rule_id: r[9],
		rule_version_id: r[10],
		note: r[11],
		actor_user_id: r[12],
		on_behalf_of_member_id: r[13],
		created_at: r[14],
		balance_after: r[15],
		prev_hash: r[16],
		hash: r[17]
	};
}

function fieldsOf(row: Row) {
	return {
		seq: row.seq,
		villageId: row.village_id,
		householdId: row.household_id,
		memberId: row.member_id,
		kind: row.kind,
		points: row.points,
		sourceType: row.source_type,
		sourceId: row.source_id,
		ruleId: row.rule_id,
		ruleVersionId: row.rule_version_id,
		note: row.note,
		actorUserId: row.actor_user_id,
		onBehalfOfMemberId: row.on_behalf_of_member_id,
		createdAt: row.created_at,
		balanceAfter: row.balance_after,
		prevHash: row.prev_hash
	};
}
