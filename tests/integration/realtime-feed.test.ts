/**
 * The persisted feed as services write it: rows commit with the change (or not at all), are
 * emitted only after the commit, and carry nothing private — checked on what real sockets
 * receive and on what is stored.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { roomName } from '$lib/realtime/events';
import { grantRole } from '$lib/server/accounts/grant-role';
import { loadViewer } from '$lib/server/auth/viewer';
import { db, sqlite, write } from '$lib/server/db';
import { feedEvents, households, villages } from '$lib/server/db/schema';
import { setHouseholdActor } from '$lib/server/household/set-household-actor';
import { createHousehold } from '$lib/server/people/create-household';
import { publish, recordFeed } from '$lib/server/realtime/publish';
import { makeFamily, makeMember, makeUser, makeVillage } from '../factories';
import { join, sessionCookie, until, useRealtimeServer } from './realtime-helpers';

const { connect, server } = useRealtimeServer();

const rowsOf = (room: string) =>
	db
		.select()
		.from(feedEvents)
		.where(eq(feedEvents.room, room as never))
		.all();

describe('private data stays out of the feed', () => {
	it('what sockets receive and what is stored holds no phone, ID number or care tag', async () => {
		const village = makeVillage();
		const { household, head } = makeFamily(
			{ villageId: village.id },
			{ name: '张小安', phone: '13912345678', idNumber: '110101194001011234' }
		);
		const elder = makeMember({
			householdId: household.id,
			name: '张老太',
			phone: '13987654321',
			idNumber: '110101193501015678',
			careTags: ['独居', '失能'],
			riskTier: 'high',
			assistance: 'tekun'
		});
		const headUser = makeUser({ memberId: head.id });
		const committee = makeUser({ villageId: village.id, roles: ['committee'] });

		const anon = await connect();
		const home = await connect(sessionCookie(headUser.id));
		expect((await join(anon.socket, `village:${village.id}`)).ok).toBe(true);
		expect((await join(home.socket, `household:${household.id}`)).ok).toBe(true);

		createHousehold(loadViewer(committee), { number: 'LT-201', address: '柳条路 1 号' });
		setHouseholdActor(loadViewer(headUser), { memberId: elder.id, allowed: true });
		await until(() => anon.feed.length === 1 && home.feed.length === 1);

		expect(anon.feed.map((i) => [i.type, i.payload])).toEqual([
			['household_joined', { number: 'LT-201', headName: null }]
		]);
		expect(home.feed.map((i) => [i.type, i.payload])).toEqual([
			['household_actor_changed', { memberName: '张老太', allowed: true }]
		]);
		const everything = JSON.stringify([
			anon.feed,
			home.feed,
			rowsOf(`village:${village.id}`),
			rowsOf(`household:${household.id}`)
		]);
		for (const secret of [
			'13912345678',
			'13987654321',
			'110101194001011234',
			'110101193501015678',
			'独居',
			'失能',
			'tekun',
			'high',
			'柳条路'
		]) {
			expect(everything).not.toContain(secret);
		}
	});

	it('a payload with an extra field, or an unmasked name in public, is refused with the change', () => {
		const village = makeVillage();
		const attempts: Array<() => void> = [
			() =>
				write((tx) => {
					tx.update(villages).set({ name: '改名村' }).where(eq(villages.id, village.id)).run();
					recordFeed(tx, {
						villageId: village.id,
						room: roomName('village', village.id),
						type: 'household_joined',
						// A whole row passed by mistake: its phone must not go out.
						payload: { number: 'X-1', headName: null, phone: '13900000000' } as never
					});
				}),
			() =>
				publish({
					villageId: village.id,
					room: roomName('village', village.id),
					type: 'household_joined',
					payload: { number: 'X-2', headName: '张小安' }
				}),
			// A household's notice can't be sent to the public room.
			() =>
				publish({
					villageId: village.id,
					room: roomName('village', village.id),
					type: 'household_actor_changed',
					payload: { memberName: '张小安', allowed: true }
				}),
			// Nor to another village's room.
			() =>
				publish({
					villageId: village.id,
					room: roomName('village', village.id + 1000),
					type: 'household_joined',
					payload: { number: 'X-3', headName: null }
				})
		];
		for (const attempt of attempts) expect(attempt).toThrow();
		expect(rowsOf(`village:${village.id}`)).toEqual([]);
		expect(db.select().from(villages).where(eq(villages.id, village.id)).get()?.name).toBe(
			village.name
		);
		// Masked, it goes through.
		publish({
			villageId: village.id,
			room: roomName('village', village.id),
			type: 'household_joined',
			payload: { number: 'X-4', headName: '张*安' }
		});
		expect(rowsOf(`village:${village.id}`).map((r) => r.payload)).toEqual([
			{ number: 'X-4', headName: '张*安' }
		]);
	});
});

describe('the staff room', () => {
	it('hears of a role granted in its village, and only its village', async () => {
		const village = makeVillage();
		const other = makeVillage();
		const committee = makeUser({ villageId: village.id, roles: ['committee'] });
		const otherCommittee = makeUser({ villageId: other.id, roles: ['committee'] });
		const newcomer = makeUser({ villageId: village.id, name: '王小二' });
		const staff = await connect(sessionCookie(committee.id));
		const otherStaff = await connect(sessionCookie(otherCommittee.id));
		expect((await join(staff.socket, `staff:${village.id}`)).ok).toBe(true);
		expect((await join(otherStaff.socket, `staff:${other.id}`)).ok).toBe(true);
		grantRole(loadViewer(committee), newcomer.id, { role: 'shopkeeper' });
		await until(() => staff.feed.length === 1);
		expect(staff.feed.map((i) => [i.room, i.type, i.payload])).toEqual([
			[`staff:${village.id}`, 'role_granted', { name: '王小二', role: 'shopkeeper' }]
		]);
		await new Promise((r) => setTimeout(r, 50));
		expect(otherStaff.feed).toEqual([]);
	});
});

describe('emitted only after the commit', () => {
	it('a rolled-back transaction emits nothing; a committed one emits once it returned', async () => {
		const village = makeVillage();
		const anon = await connect();
		expect((await join(anon.socket, `village:${village.id}`)).ok).toBe(true);
		const event = (number: string) => ({
			villageId: village.id,
			room: roomName('village', village.id),
			type: 'household_joined' as const,
			payload: { number, headName: null }
		});
		expect(() =>
			write((tx) => {
				recordFeed(tx, event('ROLLED-BACK'));
				tx.insert(households).values({ villageId: village.id, number: 'DUP' }).run();
				tx.insert(households).values({ villageId: village.id, number: 'DUP' }).run(); // unique
			})
		).toThrow();
		// Every broadcast goes through io.to(room): note whether a transaction was open then.
		const io = server().realtime.io;
		const to = io.to.bind(io);
		const openAtEmit: boolean[] = [];
		io.to = ((room: string) => (openAtEmit.push(sqlite.inTransaction), to(room))) as typeof io.to;
		try {
			write((tx) => recordFeed(tx, event('COMMITTED')));
			await until(() => anon.feed.length > 0);
		} finally {
			io.to = to;
		}
		await new Promise((r) => setTimeout(r, 50));
		expect(anon.feed.map((i) => (i.type === 'household_joined' ? i.payload.number : ''))).toEqual([
			'COMMITTED'
		]);
		expect(openAtEmit).toEqual([false]);
		expect(rowsOf(`village:${village.id}`)).toHaveLength(1);
	});
});
