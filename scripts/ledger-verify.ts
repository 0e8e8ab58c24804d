/**
 * Recomputes every household balance and every village's hash chain from the ledger entries:
 *
 *   npm run ledger:verify                     # every village
 *   npm run ledger:verify -- --village liutiao
 *
 * Prints the chain head of each village and exits 0 when everything holds; otherwise prints the
 * first mismatch (entry, expected against found) and exits 1 (2 when it could not check at all,
 * e.g. a bad option or a database without the tables). Reads only. Runs under
 * `node --import tsx` (see scripts/village-create.ts); the database is DATABASE_URL.
 */
import { eq } from 'drizzle-orm';
import { parseArgs } from 'node:util';
import { databasePath, db } from '$lib/server/db';
import { villages } from '$lib/server/db/schema';
import { verifyLedger, type LedgerMismatch } from '$lib/server/ledger/verify-ledger';

const USAGE = `用法 Usage: npm run ledger:verify [-- --village <村代码 code>]`;

const PROBLEMS: Record<LedgerMismatch['problem'], string> = {
	seq: '链上序号不连续 chain position out of order',
	prev_hash: '上一条哈希不符 prevHash does not match the previous entry',
	hash: '哈希不符（记录被改动）hash does not match the entry (it was altered)',
	sign: '分值正负与类型不符 sign does not fit the kind',
	village: '记录与农户不属同一村 entry and household in different villages',
	balance_after: '记账后余额不符 balanceAfter does not match the running sum',
	household_balance: '农户余额与记录合计不符 cached balance differs from the sum of entries'
};

function main(): number {
	let args;
	try {
		args = parseArgs({
			options: {
				village: { type: 'string' },
				help: { type: 'boolean', short: 'h', default: false }
			},
			strict: true,
			allowPositionals: false
		}).values;
	} catch (e) {
		console.error(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
		return 2;
	}
	if (args.help) {
		console.log(USAGE);
		return 0;
	}
	console.log(`数据库 Database: ${databasePath()}`);
	let villageId: number | undefined;
	if (args.village !== undefined) {
		const v = db.select().from(villages).where(eq(villages.code, args.village)).get();
		if (!v) {
			console.error(
				`错误 Error: 没有代码为 ${args.village} 的村 · no village with code ${args.village}`
			);
			return 2;
		}
		villageId = v.id;
	}
	const names = new Map(
		db
			.select()
			.from(villages)
			.all()
			.map((v) => [v.id, `${v.name}（${v.code}）`])
	);
	const result = verifyLedger(villageId);
	if (!result.ok) {
		const m = result.mismatch;
		console.error(`账本校验失败 LEDGER VERIFICATION FAILED`);
		console.error(`  村 Village: ${names.get(m.villageId) ?? m.villageId}`);
		if (m.entryId !== null) console.error(`  记录 Entry: #${m.entryId} (seq ${m.seq})`);
		if (m.householdId !== null) console.error(`  农户 Household: #${m.householdId}`);
		console.error(`  问题 Problem: ${PROBLEMS[m.problem]} [${m.problem}]`);
		console.error(`  应为 Expected: ${m.expected}`);
		console.error(`  实为 Found:    ${m.found}`);
		console.error(`  (已核对 ${result.entries} 条 · ${result.entries} entries checked before it)`);
		return 1;
	}
	for (const h of result.heads) {
		console.log(
			`  ${names.get(h.villageId) ?? h.villageId}: ${h.entries} 条 entries, 链头 head ${h.hash}`
		);
	}
	console.log(
		`账本校验通过 Ledger verified: ${result.entries} 条记录 entries, ${result.households} 户 households, ${result.heads.length} 个村有记录 villages with entries`
	);
	return 0;
}

function run(): number {
	try {
		return main();
	} catch (e) {
		// e.g. a database that was never migrated: not a ledger mismatch, but not a pass either.
		console.error(`错误 Error: ${e instanceof Error ? e.message : String(e)}`);
		return 2;
	}
}

// exitCode rather than exit(): lets stdout flush when piped.
process.exitCode = run();
