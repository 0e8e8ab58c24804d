import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Tx } from '$lib/server/db';
import { households, members, users } from '$lib/server/db/schema';
import { careVisits } from '$lib/server/db/schema/care';
import { teamMembers, volunteerTeams } from '$lib/server/db/schema/teams';
import { addDays, villageDay } from '$lib/server/ledger/expiry-policy';
import { DEMO_PROXY_ELDER } from './accounts';

const DAY = 86_400_000;

/** 赵国强 of LT-047: a villager without a login on the team too. */
const DEMO_VISITOR = { householdNumber: 'LT-047', name: '赵国强' } as const;

function memberOf(tx: Tx, phone: string): number {
	const row = tx
		.select({ memberId: users.memberId })
		.from(users)
		.where(eq(users.phone, phone))
		.get();
	if (!row?.memberId) throw new Error(`demo care: no member for ${phone}`);
	return row.memberId;
}

/**
 * 柳条村's 巡访关爱 team, led by the 十户长 (13800000004, a leader on the roster without the
 * team_leader role, so the demo team leader still leads exactly one team) with 赵国强 visiting
 * too, and three visits
 * to tagged elders (one recent, one long ago so it is overdue, one with a follow-up for the
 * committee). No hours, so the demo ledger history stays as it is. 陈桂兰 is left unvisited: the
 * worklist shows her as due.
 */
export function seedDemoCare(
	tx: Tx,
	villageId: number,
	leaderPhone: string,
	now = new Date()
): void {
	const leader = memberOf(tx, leaderPhone);
	const visitorRow = tx
		.select({ id: members.id })
		.from(members)
		.innerJoin(households, eq(members.householdId, households.id))
		.where(
			and(
				eq(households.villageId, villageId),
				eq(households.number, DEMO_VISITOR.householdNumber),
				eq(members.name, DEMO_VISITOR.name)
			)
		)
		.get();
	if (!visitorRow) throw new Error('demo care: no visitor');
	const visitor = visitorRow.id;
	const team = tx
		.insert(volunteerTeams)
		.values({
			villageId,
			name: '柳条村巡访关爱服务队',
			type: '巡访关爱',
			description: '定期上门看望独居、空巢、高龄老人，问冷暖、查安全、帮小忙。'
		})
		.returning({ id: volunteerTeams.id })
		.get();
	tx.insert(teamMembers)
		.values(
			[leader, visitor].map((memberId, i) => ({
				villageId,
				teamId: team.id,
				memberId,
				role: i === 0 ? ('leader' as const) : ('member' as const),
				status: 'active' as const,
				appliedAt: now,
				decidedAt: now
			}))
		)
		.run();
	const recorder = tx
		.select({ id: users.id })
		.from(users)
		.where(eq(users.phone, leaderPhone))
		.get()!;
	const elders = tx
		.select({ id: members.id })
		.from(members)
		.where(
			and(
				eq(members.villageId, villageId),
				sql`json_array_length(${members.careTags}) > 0`,
				ne(members.name, DEMO_PROXY_ELDER.name)
			)
		)
		.orderBy(asc(members.id))
		.limit(3)
		.all();
	const today = villageDay(now);
	const visits = [
		{
			daysAgo: 3,
			health: '精神不错，血压平稳',
			safety: '煤气灶已关好',
			living: '家里整洁',
			needs: ''
		},
		{ daysAgo: 120, health: '腿脚不便', safety: '门口台阶滑', living: '一人独住', needs: '' },
		{
			daysAgo: 5,
			health: '感冒几天了',
			safety: '电线老化',
			living: '冬衣不够',
			needs: '请村里帮忙检修电线',
			followUp: true,
			followUpNote: '电线老化，需要电工上门检修'
		}
	];
	visits.forEach((v, i) => {
		const elder = elders[i];
		if (!elder) return;
		tx.insert(careVisits)
			.values({
				villageId,
				elderMemberId: elder.id,
				visitorMemberId: i % 2 === 0 ? leader : visitor,
				teamId: team.id,
				visitedOn: addDays(today, -v.daysAgo),
				health: v.health,
				safety: v.safety,
				living: v.living,
				needs: v.needs,
				followUp: v.followUp ?? false,
				followUpNote: v.followUpNote ?? null,
				recordedBy: recorder.id,
				createdAt: new Date(now.getTime() - v.daysAgo * DAY)
			})
			.run();
	});
}
