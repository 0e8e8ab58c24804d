import { count, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import * as api from '$lib/server/api/endpoints/rules';
import { loadViewer, type Viewer } from '$lib/server/auth/viewer';
import { db, sqlite, write } from '$lib/server/db';
import { auditLog, ruleVersions, rules, type Village } from '$lib/server/db/schema';
import { DomainError, type ErrorCode } from '$lib/server/errors';
import { postEntry } from '$lib/server/ledger/post-entry';
import { addRule } from '$lib/server/rules/add-rule';
import { createDraft } from '$lib/server/rules/create-draft';
import { currentRule } from '$lib/server/rules/current-rule';
import { discardDraft } from '$lib/server/rules/discard-draft';
import { getRuleBook } from '$lib/server/rules/get-rule-book';
import { getVersion } from '$lib/server/rules/get-version';
import { listVersions } from '$lib/server/rules/list-versions';
import { publishDraft } from '$lib/server/rules/publish-draft';
import { removeRule } from '$lib/server/rules/remove-rule';
import { updateDraft } from '$lib/server/rules/update-draft';
import { updateRule } from '$lib/server/rules/update-rule';
import { makeFamily, makeUser, makeVillage } from '../factories';
import { callEndpoint } from './api-helpers';
import { expectLedgerInvariants, nextSourceId } from './ledger-helpers';

const snapshot = () => ({
	versions: db.select().from(ruleVersions).orderBy(ruleVersions.id).all(),
	rules: db.select().from(rules).orderBy(rules.id).all()
});

function expectRefused(code: ErrorCode, fn: () => unknown): DomainError {
	const before = snapshot();
	let caught: unknown;
	try {
		fn();
	} catch (e) {
		caught = e;
	}
	expect(caught).toBeInstanceOf(DomainError);
	expect((caught as DomainError).code).toBe(code);
	expect(snapshot()).toEqual(before);
	return caught as DomainError;
}

const ADOPTION = { adoptedBy: '村民代表会议', adoptedOn: '2026-03-15', resolution: '表决通过' };
const CLEAN = {
	category: '环境卫生/门前三包',
	name: '庭院整洁',
	points: 3,
	unit: '月',
	monthlyCap: 1
};
const LITTER = { category: '环境卫生/门前三包', name: '乱倒垃圾', points: -5, photoRequired: true };

let village: Village;
let committee: Viewer;

/** A village with its first rule book published: two rules. */
function publishedBook() {
	const draft = createDraft(committee);
	addRule(committee, draft.id, CLEAN);
	addRule(committee, draft.id, LITTER);
	return publishDraft(committee, draft.id, ADOPTION);
}

beforeEach(() => {
	village = makeVillage();
	committee = loadViewer(makeUser({ villageId: village.id, roles: ['committee'] }));
});

describe('drafts', () => {
	it('start empty for a village’s first rule book, one at a time', () => {
		const draft = createDraft(committee);
		expect(draft).toMatchObject({ number: 1, status: 'draft', rules: [], publishedAt: null });
		expectRefused('rule_draft_exists', () => createDraft(committee));
		expect(listVersions(committee, village.id).map((v) => v.status)).toEqual(['draft']);
	});

	it('are edited: rules added, changed and removed, with clear refusals', () => {
		const draft = createDraft(committee);
		const clean = addRule(committee, draft.id, CLEAN);
		expect(clean).toMatchObject({ ...CLEAN, yearlyCap: null, photoRequired: false, active: true });
		const litter = addRule(committee, draft.id, { ...LITTER, sortOrder: '' as never });
		expect(litter.sortOrder).toBeGreaterThan(clean.sortOrder);
		expectRefused('validation', () => addRule(committee, draft.id, { ...CLEAN, points: 0 }));
		expectRefused('validation', () => addRule(committee, draft.id, { ...CLEAN, name: '' }));
		const caps = expectRefused('validation', () =>
			addRule(committee, draft.id, { ...CLEAN, monthlyCap: 5, yearlyCap: 2 })
		);
		expect(caps.details).toMatchObject({ fieldErrors: { yearlyCap: expect.any(String) } });
		expectRefused('validation', () => updateRule(committee, clean.id, { yearlyCap: 0 }));
		// A patch of one cap is checked against the other.
		expectRefused('validation', () =>
			updateRule(committee, clean.id, { monthlyCap: 20, yearlyCap: 10 })
		);
		expect(updateRule(committee, clean.id, { points: 4, active: false })).toMatchObject({
			points: 4,
			active: false,
			monthlyCap: 1,
			name: CLEAN.name
		});
		expect(removeRule(committee, litter.id)).toEqual({ versionId: draft.id });
		expect(updateDraft(committee, draft.id, { adoptedBy: '村民会议' }).adoptedBy).toBe('村民会议');
		expect(getVersion(committee, draft.id).rules.map((r) => r.name)).toEqual([CLEAN.name]);
	});

	it('can be discarded with their rules', () => {
		const draft = createDraft(committee);
		addRule(committee, draft.id, CLEAN);
		discardDraft(committee, draft.id);
		expect(listVersions(committee, village.id)).toEqual([]);
		expect(createDraft(committee).number).toBe(1);
	});
});

describe('publishing', () => {
	it('needs how and when it was adopted, and at least one active rule', () => {
		const draft = createDraft(committee);
		expectRefused('rule_book_incomplete', () => publishDraft(committee, draft.id, ADOPTION));
		const rule = addRule(committee, draft.id, { ...CLEAN, active: false });
		expectRefused('rule_book_incomplete', () => publishDraft(committee, draft.id, ADOPTION));
		updateRule(committee, rule.id, { active: true });
		const missing = expectRefused('rule_book_incomplete', () => publishDraft(committee, draft.id));
		expect(missing.details).toMatchObject({
			fieldErrors: { adoptedBy: expect.any(String), adoptedOn: expect.any(String) }
		});
		expectRefused('validation', () =>
			publishDraft(committee, draft.id, { ...ADOPTION, adoptedOn: '2026-02-30' })
		);
		const published = publishDraft(committee, draft.id, ADOPTION);
		expect(published).toMatchObject({ status: 'published', ...ADOPTION });
		expect(published.publishedAt).not.toBeNull();
		expect(db.select().from(auditLog).orderBy(auditLog.id).all().at(-1)).toMatchObject({
			action: 'rules.publish',
			subjectId: draft.id
		});
	});

	it('supersedes the previous version; the next draft copies it, keys kept', () => {
		const first = publishedBook();
		const draft = createDraft(committee);
		expect(draft).toMatchObject({ number: 2, adoptedBy: ADOPTION.adoptedBy, adoptedOn: null });
		expect(draft.rules.map((r) => [r.key, r.name, r.points])).toEqual(
			first.rules.map((r) => [r.key, r.name, r.points])
		);
		expect(draft.rules.map((r) => r.id)).not.toEqual(first.rules.map((r) => r.id));
		updateRule(committee, draft.rules[0]!.id, { points: 5 });
		const second = publishDraft(committee, draft.id, { ...ADOPTION, adoptedOn: '2026-09-01' });
		const versions = listVersions(committee, village.id);
		expect(versions.map((v) => [v.number, v.status])).toEqual([
			[2, 'published'],
			[1, 'superseded']
		]);
		expect(getVersion(committee, first.id).rules[0]!.points).toBe(3);
		expect(getRuleBook({ id: village.id }).version?.id).toBe(second.id);
		expect(getRuleBook({ id: village.id }).version?.rules[0]!.points).toBe(5);
		expect(getRuleBook({ id: village.id }, 1).version?.rules[0]!.points).toBe(3);
	});

	it('leaves published and superseded versions read-only, in the services and in the table', () => {
		const first = publishedBook();
		const rule = first.rules[0]!;
		expectRefused('rule_book_not_draft', () => updateRule(committee, rule.id, { points: 9 }));
		expectRefused('rule_book_not_draft', () => removeRule(committee, rule.id));
		expectRefused('rule_book_not_draft', () => addRule(committee, first.id, CLEAN));
		expectRefused('rule_book_not_draft', () =>
			updateDraft(committee, first.id, { resolution: 'x' })
		);
		expectRefused('rule_book_not_draft', () => publishDraft(committee, first.id, ADOPTION));
		expectRefused('rule_book_not_draft', () => discardDraft(committee, first.id));
		const raw = [
			['UPDATE rules SET points = 99 WHERE id = ?', rule.id],
			['DELETE FROM rules WHERE id = ?', rule.id],
			['UPDATE rule_versions SET resolution = ? WHERE id = ?', '改', first.id],
			['UPDATE rule_versions SET status = ? WHERE id = ?', 'draft', first.id],
			['DELETE FROM rule_versions WHERE id = ?', first.id]
		] as const;
		for (const [sql, ...params] of raw) {
			expect(() => sqlite.prepare(sql).run(...params)).toThrow(/read-only/);
		}
		expect(() =>
			sqlite
				.prepare(
					`INSERT INTO rules (village_id, version_id, key, category, name, points, created_at)
					VALUES (?, ?, 'x', 'c', 'n', 1, 0)`
				)
				.run(village.id, first.id)
		).toThrow(/draft/);
		// Once superseded, not even its status may change.
		publishDraft(committee, createDraft(committee).id, ADOPTION);
		expect(() =>
			sqlite.prepare(`UPDATE rule_versions SET status = 'published' WHERE id = ?`).run(first.id)
		).toThrow(/read-only/);
	});
});

describe('the public rule book', () => {
	it('shows the current version’s active rules, never a draft', () => {
		expect(getRuleBook({ code: village.code })).toMatchObject({ version: null, history: [] });
		const first = publishedBook();
		const draft = createDraft(committee);
		updateRule(committee, draft.rules[1]!.id, { active: false });
		const book = getRuleBook({ code: village.code });
		expect(book.version?.id).toBe(first.id);
		expect(book.history.map((h) => h.number)).toEqual([1]);
		expectRefused('not_found', () => getRuleBook({ code: village.code }, draft.number));
		expectRefused('not_found', () => getRuleBook({ code: 'no-such-village' }));
		publishDraft(committee, draft.id, ADOPTION);
		expect(getRuleBook({ code: village.code }).version?.rules.map((r) => r.name)).toEqual([
			CLEAN.name
		]);
	});

	it('is served to anyone by GET /api/v1/rules?village=<code>', async () => {
		publishedBook();
		const anon = await callEndpoint(api.getRuleBookEndpoint, { query: { village: village.code } });
		expect(anon.status).toBe(200);
		expect(anon.body.version.rules).toHaveLength(2);
		const own = await callEndpoint(api.getRuleBookEndpoint, { viewer: committee });
		expect(own.body.village.code).toBe(village.code);
		expect((await callEndpoint(api.getRuleBookEndpoint, {})).status).toBe(400);
	});
});

describe('who may change it', () => {
	it('is the village’s own committee: others are refused, other villages get not_found', async () => {
		const draft = createDraft(committee);
		const rule = addRule(committee, draft.id, CLEAN);
		const other = makeVillage();
		const theirs = loadViewer(makeUser({ villageId: other.id, roles: ['committee'] }));
		expectRefused('not_found', () => getVersion(theirs, draft.id));
		expectRefused('not_found', () => addRule(theirs, draft.id, CLEAN));
		expectRefused('not_found', () => updateRule(theirs, rule.id, { points: 1 }));
		expectRefused('not_found', () => removeRule(theirs, rule.id));
		expectRefused('not_found', () => publishDraft(theirs, draft.id, ADOPTION));
		expectRefused('not_found', () => discardDraft(theirs, draft.id));
		expectRefused('not_found', () => listVersions(theirs, village.id));
		const res = await callEndpoint(api.getRuleVersionEndpoint, {
			viewer: theirs,
			params: { id: String(draft.id) }
		});
		expect(res.status).toBe(404);
		expect(res.body.error.code).toBe('not_found');

		const { head } = makeFamily({ villageId: village.id });
		const villager = loadViewer(makeUser({ memberId: head.id }));
		expectRefused('forbidden', () => createDraft(villager));
		expectRefused('forbidden', () => getVersion(villager, draft.id));
		expectRefused('forbidden', () => publishDraft(villager, draft.id, ADOPTION));
		const town = loadViewer(makeUser({ isTownAdmin: true }));
		expectRefused('forbidden', () => addRule(town, draft.id, CLEAN));
	});

	it('works through the API: draft, rule, publish', async () => {
		const call = (def: Parameters<typeof callEndpoint>[0], o: Parameters<typeof callEndpoint>[1]) =>
			callEndpoint(def, { viewer: committee, ...o });
		const draft = await call(api.createRuleDraftEndpoint, {});
		expect(draft.status).toBe(201);
		const id = String(draft.body.id);
		const rule = await call(api.addRuleEndpoint, { params: { id }, body: CLEAN });
		expect(rule.status).toBe(201);
		const patched = await call(api.updateRuleEndpoint, {
			params: { id: String(rule.body.id) },
			body: { yearlyCap: 12 }
		});
		expect(patched.body).toMatchObject({ yearlyCap: 12, monthlyCap: 1 });
		const published = await call(api.publishRuleDraftEndpoint, { params: { id }, body: ADOPTION });
		expect(published.body.status).toBe('published');
		const again = await call(api.updateRuleEndpoint, {
			params: { id: String(rule.body.id) },
			body: { points: 1 }
		});
		expect(again.status).toBe(409);
		expect(again.body.error.code).toBe('rule_book_not_draft');
		const list = await call(api.listRuleVersionsEndpoint, {});
		expect(list.body).toHaveLength(1);
	});
});

describe('citing a rule in the ledger', () => {
	it('takes rules of the current book for new postings, and any adopted version for the record', () => {
		const first = publishedBook();
		const [clean, litter] = first.rules;
		const household = makeFamily({ villageId: village.id }).household;
		expect(write((tx) => currentRule(tx, village.id, clean!.id)).citation).toEqual({
			ruleId: clean!.id,
			ruleVersionId: first.id
		});
		const draft = createDraft(committee);
		const draftRule = draft.rules[0]!;
		updateRule(committee, draft.rules[1]!.id, { active: false });
		expect(() => write((tx) => currentRule(tx, village.id, draftRule.id))).toThrow(DomainError);
		publishDraft(committee, draft.id, ADOPTION);
		// Superseded, inactive, another village's: not current.
		for (const [v, id] of [
			[village.id, clean!.id],
			[village.id, draft.rules[1]!.id],
			[makeVillage().id, draftRule.id]
		] as const) {
			let code: string | undefined;
			try {
				write((tx) => currentRule(tx, v, id));
			} catch (e) {
				code = (e as DomainError).code;
			}
			expect(code).toBe('rule_not_current');
		}
		// An entry approved under version 1 may still cite it after version 2 is out.
		const posted = write((tx) =>
			postEntry(tx, {
				villageId: village.id,
				householdId: household.id,
				kind: 'deduct',
				points: -5,
				source: { type: 'test', id: nextSourceId() },
				rule: { ruleId: litter!.id, ruleVersionId: first.id }
			})
		);
		expect(posted.entry).toMatchObject({ ruleId: litter!.id, ruleVersionId: first.id });
		// A draft can never be cited, nor a rule under the wrong version.
		const next = createDraft(committee);
		for (const rule of [
			{ ruleId: next.rules[0]!.id, ruleVersionId: next.id },
			{ ruleId: litter!.id, ruleVersionId: draft.id }
		]) {
			expect(() =>
				write((tx) =>
					postEntry(tx, {
						villageId: village.id,
						householdId: household.id,
						kind: 'earn',
						points: 3,
						source: { type: 'test', id: nextSourceId() },
						rule
					})
				)
			).toThrow(DomainError);
		}
		expect(
			db.select({ n: count() }).from(rules).where(eq(rules.villageId, village.id)).get()?.n
		).toBe(6);
		expectLedgerInvariants();
	});
});
