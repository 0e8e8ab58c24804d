import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { loadViewer } from '$lib/server/auth/viewer';
import {
	closePollEndpoint,
	getPollEndpoint,
	listPollsEndpoint,
	openPollEndpoint,
	votePollEndpoint
} from '$lib/server/api/endpoints/polls';
import { db } from '$lib/server/db';
import { auditLog, feedEvents, members } from '$lib/server/db/schema';
import { pollOptions, polls, pollVotes } from '$lib/server/db/schema/polls';
import { DomainError, type ErrorCode } from '$lib/server/errors';
import { announceAllClosedPolls } from '$lib/server/polls/announce-all-closed-polls';
import { announceClosedPolls } from '$lib/server/polls/announce-closed-polls';
import { closePoll } from '$lib/server/polls/close-poll';
import { getPoll } from '$lib/server/polls/get-poll';
import { listPolls, pollVillage } from '$lib/server/polls/list-polls';
import { openPoll } from '$lib/server/polls/open-poll';
import { vote } from '$lib/server/polls/vote';
import { makeUser, makeVillage } from '../factories';
import { callEndpoint } from './api-helpers';
import { makeHome, makeHousemate } from './shop-helpers';

const HOUR = 60 * 60 * 1000;
const T0 = new Date('2026-06-01T02:00:00Z');
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);

function refused(code: ErrorCode, fn: () => unknown): DomainError {
	let caught: unknown;
	try {
		fn();
	} catch (e) {
		caught = e;
	}
	expect(caught).toBeInstanceOf(DomainError);
	expect((caught as DomainError).code).toBe(code);
	return caught as DomainError;
}

function makePollWorld() {
	const village = makeVillage();
	const committee = loadViewer(makeUser({ villageId: village.id, roles: ['committee'] }));
	const homes = [makeHome(village.id, 0), makeHome(village.id, 0), makeHome(village.id, 0)];
	const open = (extra: Partial<{ title: string; token: string }> = {}) =>
		openPoll(
			committee,
			{
				title: extra.title ?? '积分超市下次进什么货？',
				description: '按户投票',
				closesAt: at(48).toISOString(),
				options: '挂面\n酱油\n\n  洗洁精  ',
				token: extra.token
			},
			{ now: T0 }
		);
	return { village, committee, homes, open };
}

const feedOf = (villageId: number) =>
	db
		.select()
		.from(feedEvents)
		.where(eq(feedEvents.villageId, villageId))
		.all()
		.map((f) => ({ room: f.room, type: f.type, payload: f.payload }));

const votesOf = (pollId: number) =>
	db.select().from(pollVotes).where(eq(pollVotes.pollId, pollId)).all();

const optionId = (poll: { options: { id: number; label: string }[] }, label: string) =>
	poll.options.find((o) => o.label === label)!.id;

describe('opening a poll', () => {
	it('keeps the options in order, hides counts and announces it on the village feed', () => {
		const w = makePollWorld();
		const poll = w.open();
		expect(poll).toMatchObject({
			title: '积分超市下次进什么货？',
			closed: false,
			closedAt: null,
			households: null,
			myVote: null,
			created: true
		});
		expect(poll.options.map((o) => [o.label, o.votes])).toEqual([
			['挂面', null],
			['酱油', null],
			['洗洁精', null]
		]);
		expect(feedOf(w.village.id)).toEqual([
			{
				room: `village:${w.village.id}`,
				type: 'poll_opened',
				payload: { pollId: poll.id, title: poll.title, closesAt: at(48).toISOString() }
			}
		]);
		const audit = db.select().from(auditLog).where(eq(auditLog.subjectId, poll.id)).all();
		expect(audit.filter((a) => a.action === 'polls.open')).toHaveLength(1);
	});

	it('reads a closing time without a zone as village time (UTC+8)', () => {
		const w = makePollWorld();
		const poll = openPoll(
			w.committee,
			{ title: '几点开会', closesAt: '2026-06-03T18:00', options: ['上午', '下午'] },
			{ now: T0 }
		);
		expect(poll.closesAt).toBe('2026-06-03T10:00:00.000Z');
	});

	it('opens one poll for a form sent twice with the same token', () => {
		const w = makePollWorld();
		const first = w.open({ token: 'form-token-1' });
		const again = w.open({ token: 'form-token-1' });
		expect(again).toMatchObject({ id: first.id, created: false });
		expect(db.select().from(polls).where(eq(polls.villageId, w.village.id)).all()).toHaveLength(1);
		expect(feedOf(w.village.id)).toHaveLength(1);
	});

	it('is for the committee only, and bad input changes nothing', () => {
		const w = makePollWorld();
		const input = { title: '进什么货', closesAt: at(24).toISOString(), options: ['米', '面'] };
		refused('forbidden', () => openPoll(w.homes[0]!.viewer, input, { now: T0 }));
		refused('unauthenticated', () => openPoll(null, input, { now: T0 }));
		const oneOption = refused('validation', () =>
			openPoll(w.committee, { ...input, options: '只有一个\n\n' }, { now: T0 })
		);
		expect(oneOption.details).toMatchObject({ fieldErrors: { options: expect.any(String) } });
		const many = Array.from({ length: 21 }, (_, i) => `选项${i + 1}`);
		refused('validation', () => openPoll(w.committee, { ...input, options: many }, { now: T0 }));
		refused('validation', () =>
			openPoll(w.committee, { ...input, options: ['米', '米'] }, { now: T0 })
		);
		const past = refused('validation', () =>
			openPoll(w.committee, { ...input, closesAt: at(-1).toISOString() }, { now: T0 })
		);
		expect(past.details).toMatchObject({ fieldErrors: { closesAt: expect.any(String) } });
		refused('validation', () =>
			openPoll(w.committee, { ...input, closesAt: at(24 * 400).toISOString() }, { now: T0 })
		);
		refused('validation', () => openPoll(w.committee, { ...input, title: '  ' }, { now: T0 }));
		refused('validation', () => openPoll(w.committee, { ...input, closesAt: '明天' }, { now: T0 }));
		expect(db.select().from(polls).where(eq(polls.villageId, w.village.id)).all()).toEqual([]);
		expect(feedOf(w.village.id)).toEqual([]);
		// 2 and 20 options are fine.
		const twenty = openPoll(w.committee, { ...input, options: many.slice(0, 20) }, { now: T0 });
		expect(twenty.options).toHaveLength(20);
	});
});

describe('voting', () => {
	it('keeps one vote per household: a changed vote replaces the first and counts once', () => {
		const w = makePollWorld();
		const poll = w.open();
		const home = w.homes[0]!;
		const first = vote(home.viewer, poll.id, { optionId: optionId(poll, '挂面') }, { now: at(1) });
		expect(first.myVote).toMatchObject({ label: '挂面' });
		const changed = vote(
			home.viewer,
			poll.id,
			{ optionId: String(optionId(poll, '酱油')) },
			{ now: at(2) }
		);
		expect(changed.myVote).toMatchObject({ label: '酱油', updatedAt: at(2).toISOString() });
		const rows = votesOf(poll.id);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({
			householdId: home.household.id,
			optionId: optionId(poll, '酱油'),
			createdAt: at(1),
			updatedAt: at(2)
		});
	});

	it('two members of one household make one vote: the latest', () => {
		const w = makePollWorld();
		const poll = w.open();
		const home = w.homes[0]!;
		const allowed = makeHousemate(home, true);
		vote(home.viewer, poll.id, { optionId: optionId(poll, '挂面') }, { now: at(1) });
		vote(allowed.viewer, poll.id, { optionId: optionId(poll, '洗洁精') }, { now: at(2) });
		const rows = votesOf(poll.id);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ optionId: optionId(poll, '洗洁精') });
		// The head sees the household's vote, whoever cast it.
		expect(getPoll(home.viewer, poll.id, { now: at(3) }).poll.myVote).toMatchObject({
			label: '洗洁精'
		});
	});

	it('follows the shop’s rule: a member the head hasn’t allowed is refused, 代办 works', () => {
		const w = makePollWorld();
		const poll = w.open();
		const home = w.homes[0]!;
		const notAllowed = makeHousemate(home, false);
		const choice = { optionId: optionId(poll, '挂面') };
		refused('forbidden', () => vote(notAllowed.viewer, poll.id, choice, { now: at(1) }));
		expect(getPoll(notAllowed.viewer, poll.id, { now: at(1) }).poll.mayVote).toBe(false);
		// The head agreed to 代办: the housemate acts for the head.
		db.update(members).set({ proxyConsent: true }).where(eq(members.id, home.head.id)).run();
		vote(notAllowed.viewer, poll.id, choice, { onBehalfOfMemberId: home.head.id, now: at(1) });
		expect(votesOf(poll.id)).toEqual([
			expect.objectContaining({
				householdId: home.household.id,
				votedBy: notAllowed.viewer.userId,
				onBehalfOfMemberId: home.head.id
			})
		]);
		refused('forbidden', () => vote(w.committee, poll.id, choice, { now: at(1) }));
		refused('unauthenticated', () => vote(null, poll.id, choice, { now: at(1) }));
	});

	it('refuses an option of another poll and an unknown poll', () => {
		const w = makePollWorld();
		const poll = w.open();
		const other = w.open({ title: '另一个问题' });
		const home = w.homes[0]!;
		const e = refused('validation', () =>
			vote(home.viewer, poll.id, { optionId: optionId(other, '挂面') }, { now: at(1) })
		);
		expect(e.details).toMatchObject({ fieldErrors: { optionId: expect.any(String) } });
		refused('validation', () => vote(home.viewer, poll.id, { optionId: '' }, { now: at(1) }));
		refused('not_found', () => vote(home.viewer, 999_999, { optionId: 1 }, { now: at(1) }));
		expect(votesOf(poll.id)).toEqual([]);
	});

	it('another village’s poll is not found for its villagers and committee', () => {
		const w = makePollWorld();
		const poll = w.open();
		const elsewhere = makePollWorld();
		const choice = { optionId: optionId(poll, '挂面') };
		refused('not_found', () => vote(elsewhere.homes[0]!.viewer, poll.id, choice, { now: at(1) }));
		refused('not_found', () => closePoll(elsewhere.committee, poll.id, { now: at(1) }));
		expect(votesOf(poll.id)).toEqual([]);
		// Reading stays public (like the notice board), but says nothing of their household.
		const seen = getPoll(elsewhere.homes[0]!.viewer, poll.id, { now: at(1) }).poll;
		expect(seen).toMatchObject({ myVote: null, mayVote: false });
	});
});

describe('closing and results', () => {
	function votedPoll() {
		const w = makePollWorld();
		const poll = w.open();
		const [a, b, c] = w.homes as [(typeof w.homes)[0], (typeof w.homes)[0], (typeof w.homes)[0]];
		vote(a.viewer, poll.id, { optionId: optionId(poll, '酱油') }, { now: at(1) });
		vote(b.viewer, poll.id, { optionId: optionId(poll, '挂面') }, { now: at(1) });
		vote(b.viewer, poll.id, { optionId: optionId(poll, '酱油') }, { now: at(2) });
		vote(c.viewer, poll.id, { optionId: optionId(poll, '挂面') }, { now: at(3) });
		return { w, poll, homes: [a, b, c] };
	}

	it('hides counts while open — from the committee too — and shows them after close', () => {
		const { w, poll, homes } = votedPoll();
		for (const viewer of [w.committee, homes[0]!.viewer, null]) {
			const open = getPoll(viewer, poll.id, { now: at(4) }).poll;
			expect(open.closed).toBe(false);
			expect(open.households).toBeNull();
			expect(open.options.every((o) => o.votes === null)).toBe(true);
		}
		const list = listPolls(null, pollVillage({ code: w.village.code }), { now: at(4) });
		expect(list.open.map((p) => p.id)).toEqual([poll.id]);
		expect(list.open[0]!.options.every((o) => o.votes === null)).toBe(true);

		const closed = closePoll(w.committee, poll.id, { now: at(5) });
		expect(closed).toMatchObject({
			closed: true,
			closedEarly: true,
			closedAt: at(5).toISOString(),
			households: 3
		});
		// Anyone, anonymous too, sees the counts — households per option, no names.
		const seen = getPoll(null, poll.id, { now: at(6) });
		expect(seen.poll.options.map((o) => [o.label, o.votes])).toEqual([
			['挂面', 1],
			['酱油', 2],
			['洗洁精', 0]
		]);
		expect(seen.poll.households).toBe(3);
		const text = JSON.stringify(seen);
		for (const h of homes) expect(text).not.toContain(h.head.name);
		const after = listPolls(null, pollVillage({ id: w.village.id }), { now: at(6) });
		expect(after.open).toEqual([]);
		expect(after.closed.map((p) => p.id)).toEqual([poll.id]);
	});

	it('refuses votes after close, whether closed early or by time', () => {
		const { w, poll, homes } = votedPoll();
		const choice = { optionId: optionId(poll, '洗洁精') };
		// By time: the closing time itself is already closed.
		refused('poll_closed', () => vote(homes[0]!.viewer, poll.id, choice, { now: at(48) }));
		refused('poll_closed', () => closePoll(w.committee, poll.id, { now: at(48) }));
		// Early.
		closePoll(w.committee, poll.id, { now: at(10) });
		refused('poll_closed', () => vote(homes[0]!.viewer, poll.id, choice, { now: at(11) }));
		refused('poll_closed', () => closePoll(w.committee, poll.id, { now: at(11) }));
		expect(votesOf(poll.id).filter((v) => v.optionId === choice.optionId)).toEqual([]);
	});

	it('closing early is for the committee and writes one poll_closed feed item', () => {
		const { w, poll, homes } = votedPoll();
		refused('forbidden', () => closePoll(homes[0]!.viewer, poll.id, { now: at(5) }));
		closePoll(w.committee, poll.id, { now: at(5) });
		// A read after the closing time doesn't announce it a second time.
		expect(announceClosedPolls(w.village.id, at(100))).toBe(0);
		listPolls(null, pollVillage({ id: w.village.id }), { now: at(100) });
		expect(feedOf(w.village.id).map((f) => f.type)).toEqual(['poll_opened', 'poll_closed']);
		expect(feedOf(w.village.id)[1]).toEqual({
			room: `village:${w.village.id}`,
			type: 'poll_closed',
			payload: { pollId: poll.id, title: poll.title, households: 3 }
		});
	});

	it('a poll closed by time is announced once, by the first read after its closing time', () => {
		const { w, poll } = votedPoll();
		listPolls(null, pollVillage({ id: w.village.id }), { now: at(47) });
		expect(feedOf(w.village.id).map((f) => f.type)).toEqual(['poll_opened']);
		const read = getPoll(null, poll.id, { now: at(49) }).poll;
		expect(read).toMatchObject({ closed: true, closedEarly: false, households: 3 });
		expect(read.closedAt).toBe(at(48).toISOString());
		listPolls(null, pollVillage({ id: w.village.id }), { now: at(50) });
		expect(feedOf(w.village.id).map((f) => f.type)).toEqual(['poll_opened', 'poll_closed']);
		const row = db.select().from(polls).where(eq(polls.id, poll.id)).get()!;
		expect(row).toMatchObject({ closedAt: null, closeAnnouncedAt: at(49) });
	});

	it('the timer announces polls closed by time in every village, once, without a read', () => {
		const a = votedPoll();
		const b = makePollWorld();
		b.open();
		const types = (villageId: number) => feedOf(villageId).map((f) => f.type);
		announceAllClosedPolls(at(47));
		expect(types(a.w.village.id)).toEqual(['poll_opened']);
		// Other tests' polls in this file's database close at the same time: at least these two.
		expect(announceAllClosedPolls(at(49))).toBeGreaterThanOrEqual(2);
		expect(announceAllClosedPolls(at(50))).toBe(0);
		for (const villageId of [a.w.village.id, b.village.id]) {
			expect(types(villageId)).toEqual(['poll_opened', 'poll_closed']);
		}
	});
});

describe('polls API', () => {
	it('opens once per Idempotency-Key, votes, closes and shows results publicly', async () => {
		const w = makePollWorld();
		const body = {
			title: 'API 征求意见',
			closesAt: new Date(Date.now() + 24 * HOUR).toISOString(),
			options: ['大米', '食用油']
		};
		const headers = { 'idempotency-key': 'poll-key-1' };
		const first = await callEndpoint(openPollEndpoint, { viewer: w.committee, body, headers });
		expect(first.status).toBe(201);
		const again = await callEndpoint(openPollEndpoint, { viewer: w.committee, body, headers });
		expect(again.body.id).toBe(first.body.id);
		expect(
			db
				.select()
				.from(polls)
				.where(eq(polls.villageId, w.village.id))
				.all()
				.map((p) => p.id)
		).toEqual([first.body.id]);
		const pollId = String(first.body.id);

		const refusedOpen = await callEndpoint(openPollEndpoint, {
			viewer: w.homes[0]!.viewer,
			body
		});
		expect(refusedOpen.status).toBe(403);
		const bad = await callEndpoint(openPollEndpoint, {
			viewer: w.committee,
			body: { ...body, options: ['大米'] }
		});
		expect(bad.status).toBe(400);

		const rice = db
			.select()
			.from(pollOptions)
			.where(and(eq(pollOptions.pollId, first.body.id), eq(pollOptions.label, '大米')))
			.get()!;
		const voted = await callEndpoint(votePollEndpoint, {
			viewer: w.homes[0]!.viewer,
			params: { id: pollId },
			body: { optionId: rice.id }
		});
		expect(voted.status).toBe(200);
		expect(voted.body.myVote).toMatchObject({ label: '大米' });
		expect(voted.body.options[0].votes).toBeNull();

		const whileOpen = await callEndpoint(getPollEndpoint, { params: { id: pollId } });
		expect(whileOpen.body.poll.households).toBeNull();

		const notCommittee = await callEndpoint(closePollEndpoint, {
			viewer: w.homes[0]!.viewer,
			params: { id: pollId }
		});
		expect(notCommittee.status).toBe(403);
		const closed = await callEndpoint(closePollEndpoint, {
			viewer: w.committee,
			params: { id: pollId }
		});
		expect(closed.status).toBe(200);
		const late = await callEndpoint(votePollEndpoint, {
			viewer: w.homes[1]!.viewer,
			params: { id: pollId },
			body: { optionId: rice.id }
		});
		expect(late.status).toBe(409);
		expect(late.body.error.code).toBe('poll_closed');

		const list = await callEndpoint(listPollsEndpoint, {
			params: { id: String(w.village.id) }
		});
		expect(list.status).toBe(200);
		expect(list.body.closed[0].options).toEqual([
			{ id: rice.id, label: '大米', votes: 1 },
			expect.objectContaining({ label: '食用油', votes: 0 })
		]);
		const missing = await callEndpoint(listPollsEndpoint, { params: { id: '999999' } });
		expect(missing.status).toBe(404);
	});
});
