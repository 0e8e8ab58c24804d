import Database from 'better-sqlite3';
import type { Acked, Op } from './load';

/**
 * What must hold after every restart, read from the database file itself (a read-only
 * connection opened after the restarted server has recovered the WAL): the file is sound, the
 * invariants of the points bank and the shop hold, every acknowledged write is there with the
 * id its reply named, and no write happened twice.
 */

export type CheckReport = { problems: string[]; ackedChecked: number };

const INVARIANTS: [string, string][] = [
	[
		'household balance differs from the sum of its entries',
		`select h.id, h.balance, coalesce(sum(e.points), 0) as sum from households h
		 left join ledger_entries e on e.household_id = h.id group by h.id having h.balance <> sum`
	],
	[
		'stock differs from the sum of its movements, or is below zero',
		`select i.id, i.stock, coalesce(sum(m.quantity), 0) as sum from shop_items i
		 left join stock_movements m on m.item_id = i.id group by i.id
		 having i.stock <> sum or i.stock < 0`
	],
	[
		'points held by open orders exceed the balance',
		`select h.id, h.balance, sum(o.total_points) as held from households h
		 join shop_orders o on o.household_id = h.id and o.status = 'reserved'
		 group by h.id having held > h.balance`
	],
	[
		'a member checked in twice to one event',
		`select event_id, member_id, count(*) as n from event_checkins
		 group by event_id, member_id having n > 1`
	],
	[
		'two ledger entries from one source',
		`select source_type, source_id, kind, count(*) as n from ledger_entries
		 group by source_type, source_id, kind having n > 1`
	],
	[
		'an order handed over without its redeem entry (or with one while not handed over)',
		`select o.id, o.status, e.id as entry from shop_orders o
		 left join ledger_entries e on e.source_type = 'order' and e.source_id = o.id and e.kind = 'redeem'
		 where (o.status = 'handed_over') <> (e.id is not null)`
	],
	[
		'an order whose lines and stock movements disagree',
		`select o.id from shop_orders o join shop_order_lines l on l.order_id = o.id
		 left join stock_movements m on m.order_id = o.id and m.item_id = l.item_id and m.kind = 'redemption'
		 group by o.id, l.item_id having coalesce(sum(m.quantity), 0) <> -max(l.quantity)`
	]
];

function present(db: Database.Database, a: Acked): string | null {
	const one = (sql: string, ...args: unknown[]) => db.prepare(sql).get(...args) !== undefined;
	switch (a.kind) {
		case 'checkin': {
			if (
				!one(
					'select 1 from event_checkins where event_id = ? and member_id = ?',
					a.eventId,
					a.memberId
				)
			) {
				return `acknowledged check-in of member ${a.memberId} to event ${a.eventId} is missing`;
			}
			if (
				a.entryId !== null &&
				!one(`select 1 from ledger_entries where id = ? and source_type = 'checkin'`, a.entryId)
			) {
				return `acknowledged attendance credit (entry ${a.entryId}) is missing`;
			}
			return null;
		}
		case 'slip':
			return one('select 1 from deposit_slips where id = ? and note = ?', a.id, a.nonce)
				? null
				: `acknowledged slip ${a.id} (${a.nonce}) is missing`;
		case 'order':
			return one('select 1 from shop_orders where id = ? and client_token = ?', a.id, a.nonce)
				? null
				: `acknowledged order ${a.id} (${a.nonce}) is missing`;
		case 'handover':
			return one(
				`select 1 from shop_orders o join ledger_entries e on e.source_type = 'order'
				 and e.source_id = o.id and e.kind = 'redeem' where o.id = ? and o.status = 'handed_over'`,
				a.orderId
			)
				? null
				: `acknowledged hand-over of order ${a.orderId} (or its redeem entry) is missing`;
		case 'event':
			return one('select 1 from events where id = ? and title = ?', a.id, a.nonce)
				? null
				: `acknowledged event ${a.id} (${a.nonce}) is missing`;
	}
}

/** How many rows a request made: more than one means it acted twice. */
const COUNT_BY_NONCE: Partial<Record<Op['kind'], string>> = {
	slip: 'select count(*) as n from deposit_slips where note = ?',
	order: 'select count(*) as n from shop_orders where client_token = ?',
	event: 'select count(*) as n from events where title = ?'
};

export function checkDatabase(
	file: string,
	acked: Acked[],
	retried: Op[]
): CheckReport & { strandedAfterCommit: Op[] } {
	const db = new Database(file, { readonly: true, fileMustExist: true });
	try {
		const problems: string[] = [];
		const integrity = db.pragma('integrity_check') as { integrity_check: string }[];
		if (integrity.length !== 1 || integrity[0]!.integrity_check !== 'ok') {
			problems.push(`integrity_check: ${integrity.map((r) => r.integrity_check).join('; ')}`);
		}
		const foreign = db.pragma('foreign_key_check') as unknown[];
		if (foreign.length > 0)
			problems.push(`foreign_key_check: ${JSON.stringify(foreign.slice(0, 3))}`);
		for (const [what, sql] of INVARIANTS) {
			const rows = db.prepare(sql).all();
			if (rows.length > 0) problems.push(`${what}: ${JSON.stringify(rows.slice(0, 3))}`);
		}
		for (const a of acked) {
			const missing = present(db, a);
			if (missing) problems.push(missing);
		}
		for (const op of retried) {
			const sql = COUNT_BY_NONCE[op.kind];
			if (!sql) continue;
			const { n } = db.prepare(sql).get(op.nonce) as { n: number };
			if (n > 1) problems.push(`retried ${op.kind} ${op.nonce} acted ${n} times`);
		}
		// A key reserved but never answered, whose request did commit: a retry once the reservation
		// is stale runs the request again. Orders (their token), check-ins (once per member and
		// event) and hand-overs (once per order) are kept single by the services themselves.
		const strandedAfterCommit = retried.filter((op) => {
			const sql = COUNT_BY_NONCE[op.kind];
			if (!sql || op.kind === 'order' || (db.prepare(sql).get(op.nonce) as { n: number }).n === 0)
				return false;
			return (
				db.prepare('select 1 from idempotency_keys where key = ? and status = 0').get(op.key) !==
				undefined
			);
		});
		return { problems, ackedChecked: acked.length, strandedAfterCommit };
	} finally {
		db.close();
	}
}
