import { and, eq } from 'drizzle-orm';
import type { Tx } from '$lib/server/db';
import { households, members, users } from '$lib/server/db/schema';
import { teamMembers, volunteerTeams } from '$lib/server/db/schema/teams';

/** 户号 and name of the demo team's members; the leader is 孙志强 (13800000003) of LT-088. */
const DEMO_TEAM_MEMBERS: readonly (readonly [string, string])[] = [
	['LT-001', '刘建国'],
	['LT-002', '周浩然'],
	['LT-021', '李欣怡'],
	['LT-047', '赵国强'],
	['LT-088', '孙长福'],
	['LT-001', '刘晓雨']
];
/** Waiting for the leader's decision, so the demo shows an application too. */
const DEMO_APPLICANT: readonly [string, string] = ['LT-002', '吴春梅'];

function memberId(tx: Tx, villageId: number, [number, name]: readonly [string, string]): number {
	const row = tx
		.select({ id: members.id })
		.from(members)
		.innerJoin(households, eq(members.householdId, households.id))
		.where(
			and(
				eq(households.villageId, villageId),
				eq(households.number, number),
				eq(members.name, name)
			)
		)
		.get();
	if (!row) throw new Error(`demo team: no ${name} in ${number}`);
	return row.id;
}

/**
 * 柳条村's volunteer team (环境志愿服务队) led by the demo team leader, with six members (刘建国
 * of LT-001 among them, so the household page shows hours credited live) and one application.
 * No service records: the demo ledger history stays as it is.
 */
export function seedDemoTeams(tx: Tx, villageId: number, leaderPhone: string): void {
	const leader = tx
		.select({ memberId: users.memberId })
		.from(users)
		.where(eq(users.phone, leaderPhone))
		.get();
	if (!leader?.memberId) throw new Error(`demo team: no leader ${leaderPhone}`);
	const team = tx
		.insert(volunteerTeams)
		.values({
			villageId,
			name: '柳条村环境志愿服务队',
			type: '环境',
			description: '每月清扫村道、清理河塘，守护美丽柳条村。'
		})
		.returning({ id: volunteerTeams.id })
		.get();
	const now = new Date();
	const active = [leader.memberId, ...DEMO_TEAM_MEMBERS.map((m) => memberId(tx, villageId, m))];
	tx.insert(teamMembers)
		.values(
			active.map((id, i) => ({
				villageId,
				teamId: team.id,
				memberId: id,
				role: i === 0 ? ('leader' as const) : ('member' as const),
				status: 'active' as const,
				appliedAt: now,
				decidedAt: now
			}))
		)
		.run();
	tx.insert(teamMembers)
		.values({
			villageId,
			teamId: team.id,
			memberId: memberId(tx, villageId, DEMO_APPLICANT),
			status: 'applied',
			appliedAt: now
		})
		.run();
}
