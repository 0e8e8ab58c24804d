import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import * as api from '$lib/server/api/endpoints/ledger';
import { loadViewer, type Viewer } from '$lib/server/auth/viewer';
import { databasePath, sqlite } from '$lib/server/db';
import type { LedgerEntry, Village } from '$lib/server/db/schema';
import { hashEntry } from '$lib/server/ledger/hash';
import { verifyLedger } from '$lib/server/ledger/verify-ledger';
import { makeFamily, makeUser, makeVillage } from '../factories';
import { callEndpoint } from './api-helpers';
import { expectLedgerInvariants, post } from './ledger-helpers';

/** `npm run ledger:verify` against this test's database file. */
function runCli(...args: string[]) {
	const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/ledger-verify.ts', ...args], {
		env: { ...process.env, DATABASE_URL: databasePath() },
		encoding: 'utf8'
	});
	return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Runs `sql` with the append-only guards lifted, then puts them back. */
function tamper(sql: string, ...params: unknown[]) {
	const guards = sqlite
		.prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'ledger_entries'`)
		.all() as { sql: string }[];
	expect(guards).toHaveLength(2);
	sqlite.exec('DROP TRIGGER ledger_entries_no_update; DROP TRIGGER ledger_entries_no_delete;');
	try {
		sqlite.prepare(sql).run(...params);
	} finally {
		for (const g of guards) sqlite.exec(g.sql);
	}
}

let village: Village;
let otherVillage: Village;
let entries: LedgerEntry[];
let committee: Viewer;

beforeAll(() => {
	village = makeVillage();
	otherVillage = makeVillage();
	const homes = [1, 2].map(() => makeFamily({ villageId: village.id }).household);
	const theirs = makeFamily({ villageId: otherVillage.id }).household;
	entries = [10, 20, -5, 7, 3].map(
		(points, i) => post({ villageId: village.id, householdId: homes[i % 2]!.id, points }).entry
	);
	post({ villageId: otherVillage.id, householdId: theirs.id, points: 9 });
	committee = loadViewer(makeUser({ villageId: village.id, roles: ['committee'] }));
});

describe('verifying the ledger', () => {
	it('passes on an untouched ledger: function, CLI and API', async () => {
		expectLedgerInvariants();
		const cli = runCli();
		expect(cli.code).toBe(0);
		expect(cli.out).toContain('账本校验通过');
		expect(cli.out).toContain(entries.at(-1)!.hash);
		const res = await callEndpoint(api.verifyVillageLedgerEndpoint, {
			viewer: committee,
			params: { id: String(village.id) }
		});
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({
			ok: true,
			entries: 5,
			mismatch: null,
			head: { seq: 5, hash: entries.at(-1)!.hash }
		});
	});

	it('finds a row altered directly in the database, and the CLI exits non-zero', async () => {
		const victim = entries[1]!;
		tamper('UPDATE ledger_entries SET points = 200 WHERE id = ?', victim.id);
		const result = verifyLedger();
		expect(result).toMatchObject({
			ok: false,
			mismatch: { problem: 'hash', entryId: victim.id, found: victim.hash }
		});
		const cli = runCli();
		expect(cli.code).toBe(1);
		expect(cli.err).toContain(`#${victim.id}`);
		expect(cli.err).toContain('[hash]');
		// The other village's chain is untouched.
		expect(runCli('--village', otherVillage.code).code).toBe(0);
		const res = await callEndpoint(api.verifyVillageLedgerEndpoint, {
			viewer: committee,
			params: { id: String(village.id) }
		});
		expect(res.body).toMatchObject({ ok: false, mismatch: { entryId: victim.id } });
		tamper('UPDATE ledger_entries SET points = ? WHERE id = ?', victim.points, victim.id);
		expect(verifyLedger().ok).toBe(true);
	});

	it('finds a rewritten entry whose own hash and balance were recomputed: the next link breaks', () => {
		const [, victim, next] = entries;
		const forged = {
			...victim!,
			createdAt: victim!.createdAt.getTime(),
			points: victim!.points + 5,
			balanceAfter: victim!.balanceAfter + 5
		};
		const forgedHash = hashEntry(forged);
		tamper(
			'UPDATE ledger_entries SET points = ?, balance_after = ?, hash = ? WHERE id = ?',
			forged.points,
			forged.balanceAfter,
			forgedHash,
			victim!.id
		);
		expect(verifyLedger()).toMatchObject({
			ok: false,
			mismatch: {
				problem: 'prev_hash',
				entryId: next!.id,
				expected: forgedHash,
				found: victim!.hash
			}
		});
		tamper(
			'UPDATE ledger_entries SET points = ?, balance_after = ?, hash = ? WHERE id = ?',
			victim!.points,
			victim!.balanceAfter,
			victim!.hash,
			victim!.id
		);
		expect(verifyLedger().ok).toBe(true);
	});

	it('finds a deleted entry and a cached balance that drifted', () => {
		const last = entries.at(-1)!;
		sqlite
			.prepare('UPDATE households SET balance = balance + 1 WHERE id = ?')
			.run(last.householdId);
		expect(verifyLedger()).toMatchObject({
			ok: false,
			mismatch: { problem: 'household_balance', householdId: last.householdId }
		});
		expect(runCli().code).toBe(1);
		sqlite
			.prepare('UPDATE households SET balance = balance - 1 WHERE id = ?')
			.run(last.householdId);

		tamper('DELETE FROM ledger_entries WHERE id = ?', entries[2]!.id);
		expect(verifyLedger()).toMatchObject({ ok: false, mismatch: { problem: 'seq' } });
		expect(runCli().code).toBe(1);
	});

	it('is for the committee and the town admin only; other villages get not_found', async () => {
		const call = (viewer: Viewer | null, id = village.id) =>
			callEndpoint(api.verifyVillageLedgerEndpoint, { viewer, params: { id: String(id) } });
		const town = loadViewer(makeUser({ isTownAdmin: true }));
		expect((await call(town)).status).toBe(200);
		const theirCommittee = loadViewer(
			makeUser({ villageId: otherVillage.id, roles: ['committee'] })
		);
		expect((await call(theirCommittee)).body.error.code).toBe('not_found');
		const { head } = makeFamily({ villageId: village.id });
		const villager = loadViewer(makeUser({ memberId: head.id }));
		expect((await call(villager)).body.error.code).toBe('forbidden');
		expect((await call(null)).status).toBe(401);
		expect((await call(town, 999_999)).body.error.code).toBe('not_found');
	});
});
