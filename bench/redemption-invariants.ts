import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { ROOT } from './lib/server';

/** What the redemption race must leave behind, read straight from the database file. */
export type RedemptionInvariants = {
	integrityCheck: string;
	/** Items (all villages) whose stock is below 0 or differs from the sum of their movements. */
	stockMismatches: { id: number; stock: number; movements: number }[];
	/** Per bench item: units in live orders (reserved or handed over) against the units stocked. */
	sold: { itemId: number; stocked: number; sold: number; redemptionMovements: number }[];
	/** Households (all villages) with a negative balance or negative spendable (balance − held). */
	negativeSpendable: { id: number; balance: number; held: number }[];
	/** Orders placed by the bench households, and how many are live. */
	benchOrders: number;
	liveOrders: number;
	/** Redeem entries posted for the bench households (one per order handed over). */
	redeemEntries: number;
	handedOver: number;
	/** `npm run ledger:verify` (verifyLedger over every village): exit code and its last line. */
	ledger: { ok: boolean; output: string };
};

export function checkRedemptionInvariants(
	database: string,
	bench: { itemIds: number[]; householdIds: number[]; stocked: Map<number, number> }
): RedemptionInvariants {
	const sqlite = new Database(database, { readonly: true });
	try {
		const integrityCheck = String(sqlite.pragma('integrity_check', { simple: true }));
		const stockMismatches = sqlite
			.prepare(
				`SELECT i.id, i.stock, coalesce((SELECT sum(quantity) FROM stock_movements m
				   WHERE m.item_id = i.id), 0) AS movements
				 FROM shop_items i`
			)
			.all()
			.filter((r) => {
				const row = r as { stock: number; movements: number };
				return row.stock < 0 || row.stock !== row.movements;
			}) as RedemptionInvariants['stockMismatches'];

		const soldOf = sqlite.prepare(
			`SELECT coalesce(sum(l.quantity), 0) AS n FROM shop_order_lines l
			 JOIN shop_orders o ON o.id = l.order_id
			 WHERE l.item_id = ? AND o.status IN ('reserved', 'handed_over')`
		);
		const movementsOf = sqlite.prepare(
			`SELECT count(*) AS n FROM stock_movements WHERE item_id = ? AND kind = 'redemption'`
		);
		const sold = bench.itemIds.map((itemId) => ({
			itemId,
			stocked: bench.stocked.get(itemId) ?? NaN,
			sold: (soldOf.get(itemId) as { n: number }).n,
			redemptionMovements: (movementsOf.get(itemId) as { n: number }).n
		}));

		const negativeSpendable = sqlite
			.prepare(
				`SELECT h.id, h.balance, coalesce((SELECT sum(total_points) FROM shop_orders o
				   WHERE o.household_id = h.id AND o.status = 'reserved'), 0) AS held
				 FROM households h`
			)
			.all()
			.filter((r) => {
				const row = r as { balance: number; held: number };
				return row.balance < 0 || row.balance - row.held < 0;
			}) as RedemptionInvariants['negativeSpendable'];

		const ids = bench.householdIds.join(',') || '0';
		const count = (sql: string) => (sqlite.prepare(sql).get() as { n: number }).n;
		const benchOrders = count(
			`SELECT count(*) AS n FROM shop_orders WHERE household_id IN (${ids})`
		);
		const liveOrders = count(
			`SELECT count(*) AS n FROM shop_orders WHERE household_id IN (${ids})
			 AND status IN ('reserved', 'handed_over')`
		);
		const handedOver = count(
			`SELECT count(*) AS n FROM shop_orders WHERE household_id IN (${ids}) AND status = 'handed_over'`
		);
		const redeemEntries = count(
			`SELECT count(*) AS n FROM ledger_entries WHERE household_id IN (${ids}) AND kind = 'redeem'`
		);
		return {
			integrityCheck,
			stockMismatches,
			sold,
			negativeSpendable,
			benchOrders,
			liveOrders,
			redeemEntries,
			handedOver,
			ledger: verifyLedgerFile(database)
		};
	} finally {
		sqlite.close();
	}
}

/** scripts/ledger-verify.ts (verifyLedger) in its own process, on `database`. */
function verifyLedgerFile(database: string): { ok: boolean; output: string } {
	const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/ledger-verify.ts'], {
		cwd: ROOT,
		env: { ...process.env, DATABASE_URL: database },
		encoding: 'utf8'
	});
	const lines = `${run.stdout}\n${run.stderr}`.trim().split('\n');
	return { ok: run.status === 0, output: lines[lines.length - 1] ?? '' };
}
