import { encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '$lib/server/db';
import { households, members, ruleVersions, rules, users } from '$lib/server/db/schema';
import { events, eventSignups } from '$lib/server/db/schema/events';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** Midnight of `now`'s day in village time (UTC+8 all year). */
function villageMidnight(now: Date): number {
	const shifted = now.getTime() + 8 * HOUR;
	return shifted - (shifted % DAY) - 8 * HOUR;
}

function secret(): string {
	const bytes = new Uint8Array(32);
	crypto.getRandomValues(bytes);
	return encodeHexLowerCase(bytes);
}

/**
 * 柳条村's events, relative to the day the demo is seeded: today's 睦邻饺子宴 (check-in open all
 * day, no sign-up needed — for trying the QR code and the live count), next week's 楼长节 with 30
 * places and a few sign-ups, and 运动会 the week after. No check-ins: the ledger stays as it is.
 */
export function seedDemoEvents(
	tx: Tx,
	villageId: number,
	committeePhone: string,
	now = new Date()
): void {
	const committee = tx
		.select({ id: users.id })
		.from(users)
		.where(eq(users.phone, committeePhone))
		.get();
	if (!committee) throw new Error(`demo events: no account ${committeePhone}`);
	const rule = tx
		.select({ id: rules.id })
		.from(rules)
		.innerJoin(ruleVersions, eq(ruleVersions.id, rules.versionId))
		.where(
			and(
				eq(rules.villageId, villageId),
				eq(rules.name, '参加村志愿服务活动'),
				eq(ruleVersions.status, 'published')
			)
		)
		.get();
	const today = villageMidnight(now);
	const at = (days: number, hours: number) => new Date(today + days * DAY + hours * HOUR);
	const base = {
		villageId,
		organiser: 'committee' as const,
		createdBy: committee.id,
		attendanceRuleId: rule?.id ?? null
	};
	tx.insert(events)
		.values({
			...base,
			type: '饺子宴',
			title: '睦邻饺子宴',
			description: '村委会备好面和馅，大家一起包饺子，给独居老人送一份。',
			place: '村委会大院',
			startsAt: at(0, 8),
			endsAt: at(0, 21),
			signupRequired: false,
			checkInOpensAt: at(0, 7),
			checkInClosesAt: at(0, 21),
			qrSecret: secret()
		})
		.run();
	const festival = tx
		.insert(events)
		.values({
			...base,
			type: '楼长节',
			title: '楼长节联欢会',
			description: '表彰十户长，文艺队演出。',
			place: '文化广场',
			startsAt: at(7, 19),
			endsAt: at(7, 21),
			capacity: 30,
			signupRequired: true,
			checkInOpensAt: at(7, 18.5),
			checkInClosesAt: at(7, 21),
			qrSecret: secret()
		})
		.returning({ id: events.id })
		.get();
	tx.insert(events)
		.values({
			...base,
			type: '运动会',
			title: '社区趣味运动会',
			place: '村小学操场',
			startsAt: at(14, 8.5),
			endsAt: at(14, 12),
			capacity: 80,
			signupRequired: true,
			checkInOpensAt: at(14, 8),
			checkInClosesAt: at(14, 12),
			qrSecret: secret()
		})
		.run();
	// A few households of 第1联组 have already signed up for the 楼长节.
	const early = tx
		.select({ id: members.id })
		.from(members)
		.innerJoin(households, eq(households.id, members.householdId))
		.where(and(eq(households.villageId, villageId), eq(households.headMemberId, members.id)))
		.limit(6)
		.all();
	early.forEach((m, i) =>
		tx
			.insert(eventSignups)
			.values({
				eventId: festival.id,
				memberId: m.id,
				status: 'signed_up',
				position: now.getTime() - (early.length - i) * HOUR,
				signedUpBy: committee.id,
				onBehalfOfMemberId: m.id,
				updatedAt: now
			})
			.run()
	);
}
