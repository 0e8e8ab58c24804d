/**
 * Checks a copy of the database — a fresh backup, or a backup about to be restored — the way the
 * app sees it: `PRAGMA integrity_check`, then the whole ledger with the app's own verifyLedger.
 * Used by scripts/backup.ts and scripts/restore.ts.
 */
import Database from 'better-sqlite3';

/** PRAGMA integrity_check on a database file: 'ok', or what is wrong. */
export function checkIntegrity(file: string): string {
	const copy = new Database(file, { fileMustExist: true });
	try {
		const rows = copy.pragma('integrity_check') as { integrity_check: string }[];
		return rows.map((r) => r.integrity_check).join('; ');
	} finally {
		copy.close();
	}
}

/**
 * The ledger of the copy, verified with the app's own verifyLedger: the database module is
 * imported only now, with DATABASE_URL pointing at the copy, so it opens the copy and never
 * the live file. That module opens its file once per process, so this works once per process
 * (a second call would verify the first file again — it throws instead). The copy is opened
 * read-write and switched to WAL, as the server would: pass a copy, never the only one.
 * Returns lines to print (each village's chain head), or the problem.
 */
let verified: string | undefined;
export async function verifyCopy(file: string): Promise<{ ok: boolean; lines: string[] }> {
	if (verified !== undefined) throw new Error(`verifyCopy already ran on ${verified}`);
	verified = file;
	process.env.DATABASE_URL = file;
	const { db, sqlite } = await import('$lib/server/db');
	const { villages } = await import('$lib/server/db/schema');
	const { verifyLedger } = await import('$lib/server/ledger/verify-ledger');
	try {
		const names = new Map(
			db
				.select()
				.from(villages)
				.all()
				.map((v) => [v.id, `${v.name}（${v.code}）`])
		);
		const result = verifyLedger();
		if (!result.ok) {
			const m = result.mismatch;
			return {
				ok: false,
				lines: [
					`账本校验失败 LEDGER VERIFICATION FAILED: ${m.problem} in ${names.get(m.villageId) ?? m.villageId}` +
						`${m.entryId !== null ? `, entry #${m.entryId}` : ''}${m.householdId !== null ? `, household #${m.householdId}` : ''}` +
						` (expected ${m.expected}, found ${m.found})`
				]
			};
		}
		return {
			ok: true,
			lines: [
				...result.heads.map(
					(h) =>
						`  ${names.get(h.villageId) ?? h.villageId}: ${h.entries} 条 entries, 链头 head ${h.hash}`
				),
				`账本校验通过 Ledger verified: ${result.entries} 条记录 entries, ${result.households} 户 households`
			]
		};
	} finally {
		sqlite.close();
	}
}

export type CopyCheck = { integrity: string; ledger: { ok: boolean; lines: string[] } };

/** Both checks; the ledger only when the file is intact. Passed when `passed(result)`. */
export async function checkCopy(file: string): Promise<CopyCheck> {
	let integrity: string | undefined;
	try {
		integrity = checkIntegrity(file);
		if (integrity !== 'ok') return { integrity, ledger: { ok: false, lines: [] } };
		return { integrity, ledger: await verifyCopy(file) };
	} catch (e) {
		// e.g. not a database, or one that was never migrated: no ledger to verify is not a pass.
		return {
			integrity: integrity ?? 'not checked',
			ledger: { ok: false, lines: [`错误 Error: ${e instanceof Error ? e.message : String(e)}`] }
		};
	}
}

export const passed = (check: CopyCheck) => check.integrity === 'ok' && check.ledger.ok;
