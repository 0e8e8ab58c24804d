import { and, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { households, ledgerEntries, ruleVersions, rules, villages } from '$lib/server/db/schema';
import { seedDemo } from '$lib/server/demo/seed-demo';
import { write } from '$lib/server/db';
import { earnedToDate } from '$lib/server/ledger/earned-to-date';
import { getRuleBook } from '$lib/server/rules/get-rule-book';
import { UNUSABLE_PASSWORD_HASH } from '../factories';
import { expectLedgerInvariants } from './ledger-helpers';

describe('the demo points bank', () => {
	it('seeds 柳条村’s rule book and a few months of history that verify', () => {
		const started = Date.now();
		write((tx) => seedDemo(tx, UNUSABLE_PASSWORD_HASH));
		const took = Date.now() - started;
		expect(took).toBeLessThan(15_000);

		const book = getRuleBook({ code: 'liutiao' });
		expect(book.version).toMatchObject({
			number: 1,
			status: 'published',
			adoptedBy: '村民代表会议',
			adoptedOn: '2026-03-15'
		});
		const list = book.version?.rules ?? [];
		expect(list.length).toBeGreaterThanOrEqual(22);
		expect(new Set(list.map((r) => r.category))).toEqual(
			new Set(['孝老爱亲', '环境卫生/门前三包', '移风易俗', '志愿服务', '邻里互助', '遵纪守法'])
		);
		expect(list.some((r) => r.points < 0)).toBe(true);
		expect(Math.min(...list.filter((r) => r.points > 0).map((r) => r.points))).toBeLessThanOrEqual(
			3
		);
		expect(Math.max(...list.map((r) => r.points))).toBeGreaterThanOrEqual(30);
		// 马家村 has not adopted one yet.
		expect(getRuleBook({ code: 'majia' }).version).toBeNull();

		const lt001 = db
			.select()
			.from(households)
			.innerJoin(villages, eq(villages.id, households.villageId))
			.where(and(eq(villages.code, 'liutiao'), eq(households.number, 'LT-001')))
			.get();
		expect(lt001?.households.balance).toBeGreaterThanOrEqual(600);
		expect(earnedToDate(lt001!.households.id)).toBe(lt001?.households.balance);

		const kinds = db
			.select({ sourceType: ledgerEntries.sourceType, kind: ledgerEntries.kind, n: count() })
			.from(ledgerEntries)
			.groupBy(ledgerEntries.sourceType, ledgerEntries.kind)
			.all();
		expect(kinds.map((k) => `${k.sourceType}:${k.kind}`).sort()).toEqual([
			'demo:deduct',
			'demo:earn',
			'entry:correct',
			'opening_balance:earn'
		]);
		const total = kinds.reduce((n, k) => n + k.n, 0);
		console.log(`demo ledger: ${total} entries in ${took} ms`);
		// Every rule-based entry cites a published version of its village's rule book.
		const cited = db
			.select({ status: ruleVersions.status })
			.from(ledgerEntries)
			.innerJoin(rules, eq(rules.id, ledgerEntries.ruleId))
			.innerJoin(ruleVersions, eq(ruleVersions.id, ledgerEntries.ruleVersionId))
			.all();
		expect(new Set(cited.map((c) => c.status))).toEqual(new Set(['published']));
		expectLedgerInvariants();
	});
});
