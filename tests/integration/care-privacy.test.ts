/**
 * Care tags and visit notes are private (committee and the 巡访关爱 team): a villager, the public
 * pages' API and the public village room never see them, even after visits with hours and a
 * follow-up have been recorded.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roomName } from '$lib/realtime/events';
import { careWorklistEndpoint } from '$lib/server/api/endpoints/care';
import { honourRollEndpoint } from '$lib/server/api/endpoints/honour';
import { screenEndpoint } from '$lib/server/api/endpoints/screen';
import { noticeEndpoint } from '$lib/server/api/endpoints/slips';
import { getTeamEndpoint, listTeamsEndpoint } from '$lib/server/api/endpoints/teams';
import { recordVisit } from '$lib/server/care/record-visit';
import { db } from '$lib/server/db';
import { feedEvents } from '$lib/server/db/schema';
import { callEndpoint } from './api-helpers';
import { makeCareWorld } from './care-helpers';
import { join, openConnected, startRealtimeServer, type TestServer } from './realtime-helpers';

let server: TestServer;
beforeAll(async () => {
	server = await startRealtimeServer();
});
afterAll(() => server.close());

const NOTES = [
	'血压偏高需复查',
	'灶台旁堆柴火',
	'独自一人住偏房',
	'想要一副老花镜',
	'请村里送老花镜'
];
const TAGS = ['独居', '高龄', '空巢', '留守', '失独'];

/** Everything private a payload must not contain: the notes, the tags, the elders' names. */
function expectNothingPrivate(payload: unknown) {
	const text = JSON.stringify(payload);
	for (const s of [...NOTES, ...TAGS, '陈奶奶', '陈爷爷', '周阿婆', '吴老伯']) {
		expect(text).not.toContain(s);
	}
}

function visitWithEverything(w: ReturnType<typeof makeCareWorld>, elderMemberId: number) {
	return recordVisit(w.visitor.viewer, w.village.id, {
		elderMemberId,
		visitedOn: '2026-06-01',
		health: NOTES[0],
		safety: NOTES[1],
		living: NOTES[2],
		needs: NOTES[3],
		followUp: true,
		followUpNote: NOTES[4],
		halfHours: 2
	});
}

describe('care privacy', () => {
	it('a villager is refused the worklist (page service and API)', async () => {
		const w = makeCareWorld();
		visitWithEverything(w, w.elders.high.id);
		const res = await callEndpoint(careWorklistEndpoint, {
			viewer: w.villager.viewer,
			params: { id: String(w.village.id) }
		});
		expect(res.status).toBe(403);
		expectNothingPrivate(res.body);
		// The same request by a member of the visiting team does carry the tags.
		const team = await callEndpoint(careWorklistEndpoint, {
			viewer: w.visitor.viewer,
			params: { id: String(w.village.id) }
		});
		expect(JSON.stringify(team.body)).toContain('独居');
	});

	it('the public API behind the notice board, screen, honour roll and team pages shows none of it', async () => {
		const w = makeCareWorld();
		visitWithEverything(w, w.elders.high.id);
		visitWithEverything(w, w.elders.medium.id);
		const responses = await Promise.all([
			callEndpoint(noticeEndpoint, { query: { village: w.village.code } }),
			callEndpoint(screenEndpoint, { params: { id: String(w.village.id) } }),
			callEndpoint(honourRollEndpoint, { params: { id: String(w.village.id) } }),
			callEndpoint(listTeamsEndpoint, { query: { village: w.village.code } }),
			callEndpoint(getTeamEndpoint, { params: { id: String(w.teamId) } })
		]);
		for (const r of responses) {
			expect(r.status).toBe(200);
			expectNothingPrivate(r.body);
		}
	});

	it('the public village room, caught up or live, carries no care data', async () => {
		const w = makeCareWorld();
		visitWithEverything(w, w.elders.high.id);
		const room = roomName('village', w.village.id);
		const client = await openConnected(server);
		const joined = await join(client.socket, room, 0);
		expect(joined.ok).toBe(true);
		if (joined.ok) expectNothingPrivate(joined.items);
		visitWithEverything(w, w.elders.low.id);
		// The visitor's household hears of the points (the only feed a visit makes) ...
		const feed = db.select().from(feedEvents).where(eq(feedEvents.villageId, w.village.id)).all();
		const household = roomName('household', w.visitor.household.id);
		expect(feed.map((f) => [f.room, f.type])).toEqual([
			[household, 'points_credited'],
			[household, 'points_credited']
		]);
		// ... and nothing about the elder reaches any room, the public one above all.
		expect(feed.filter((f) => f.room === room)).toEqual([]);
		expectNothingPrivate(feed.map((f) => f.payload));
		expectNothingPrivate(client.feed);
		client.socket.disconnect();
	});
});
