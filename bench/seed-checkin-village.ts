/**
 * Seeds a check-in benchmark into a running server's database (DATABASE_URL; WAL lets this
 * process write beside the server). Run as a child of the benchmark, not imported: `$lib/server/db`
 * opens DATABASE_URL once per process, and each benchmark has a database of its own.
 *
 *   DATABASE_URL=… node --import tsx bench/seed-checkin-village.ts --members 5000 --events 2
 *
 * Through the real services, as the committee (王秀英, 13800000001) of 柳条村 would: `--members`
 * new members in new households of four, their member cards (listMemberCards issues the tokens),
 * `--events` events open for check-in now that earn the attendance rule of the demo rule book
 * (no sign-up needed, so every member may come), and one Bearer API token of the committee
 * member for the scanning staff. Prints one line of JSON on stdout: `CheckinSeed` (bench/checkin-fixture.ts).
 */
import { and, eq, gt } from 'drizzle-orm';
import { parseArgs } from 'node:util';
import { issueApiToken } from '$lib/server/auth/tokens';
import { loadViewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { households, members, ruleVersions, rules, users } from '$lib/server/db/schema';
import { memberCards } from '$lib/server/db/schema/events';
import { attendancePointsMode } from '$lib/server/events/attendance-points-mode';
import { createEvent } from '$lib/server/events/create-event';
import { listMemberCards } from '$lib/server/events/list-member-cards';
import { createHousehold } from '$lib/server/people/create-household';
import { addMember } from '$lib/server/people/add-member';
import type { CheckinSeed } from './checkin-fixture';

const { values } = parseArgs({
	options: {
		members: { type: 'string', default: '500' },
		events: { type: 'string', default: '1' },
		prefix: { type: 'string', default: 'BM' }
	}
});
const memberCount = Number(values.members);
const eventCount = Number(values.events);
const started = Date.now();

const committee = db.select().from(users).where(eq(users.phone, '13800000001')).get();
if (!committee?.villageId) throw new Error('the demo committee account 13800000001 is missing');
const viewer = loadViewer(committee);
const villageId = committee.villageId;

const SURNAMES = ['刘', '李', '张', '王', '陈', '赵', '孙', '周', '吴', '郑'];
const GIVEN = ['建国', '秀英', '小明', '春梅', '德胜', '玉兰', '志强', '晓雨', '桂芝', '浩然'];
const PER_HOUSEHOLD = 4;
const before = db.select({ id: members.id }).from(members).orderBy(members.id).all().at(-1)?.id;

for (let h = 0; h * PER_HOUSEHOLD < memberCount; h++) {
	const household = createHousehold(viewer, {
		number: `${values.prefix}-${String(h + 1).padStart(5, '0')}`,
		address: `柳条村 ${h + 1} 号`,
		villagerGroup: '七组',
		tenGroupId: null
	});
	for (let i = 0; i < PER_HOUSEHOLD && h * PER_HOUSEHOLD + i < memberCount; i++) {
		const n = h * PER_HOUSEHOLD + i;
		addMember(viewer, household.id, {
			name: `${SURNAMES[n % 10]}${GIVEN[Math.floor(n / 10) % 10]}${n}`,
			relation: i === 0 ? '户主' : '子女',
			assistance: 'none',
			makeHead: i === 0
		});
	}
}

// Cards for every active member of the village (also the demo's); ours are those added above.
listMemberCards(viewer);
const cards = db
	.select({ token: memberCards.token })
	.from(memberCards)
	.innerJoin(members, eq(members.id, memberCards.memberId))
	.innerJoin(households, eq(households.id, members.householdId))
	.where(and(eq(members.villageId, villageId), gt(members.id, before ?? 0)))
	.orderBy(members.id)
	.all()
	.map((c) => c.token);
if (cards.length !== memberCount) throw new Error(`expected ${memberCount} cards, ${cards.length}`);

// The demo's attendance rule (参加村志愿服务活动), as the demo events use it.
const rule = db
	.select({ id: rules.id, name: rules.name, points: rules.points })
	.from(rules)
	.innerJoin(ruleVersions, eq(ruleVersions.id, rules.versionId))
	.where(
		and(
			eq(rules.villageId, villageId),
			eq(rules.name, '参加村志愿服务活动'),
			eq(ruleVersions.status, 'published'),
			eq(rules.active, true)
		)
	)
	.get();
if (!rule) throw new Error('the demo rule book has no 参加村志愿服务活动');

const now = Date.now();
const HOUR = 3_600_000;
const eventIds = Array.from(
	{ length: eventCount },
	(_, i) =>
		createEvent(viewer, {
			type: '饺子宴',
			title: `压测饺子宴 ${i + 1}`,
			place: '村委会大院',
			startsAt: new Date(now - HOUR).toISOString(),
			endsAt: new Date(now + 6 * HOUR).toISOString(),
			signupRequired: false,
			capacity: '',
			teamId: '',
			attendanceRuleId: rule.id,
			checkInOpensAt: new Date(now - 2 * HOUR).toISOString(),
			checkInClosesAt: new Date(now + 6 * HOUR).toISOString()
		}).id
);

const { token } = issueApiToken(committee.id, villageId, 'bench: card scanner');

const seed: CheckinSeed = {
	villageId,
	eventIds,
	attendanceMode: attendancePointsMode(db, villageId),
	attendanceRule: rule,
	token,
	cards,
	seconds: (Date.now() - started) / 1000
};
process.stdout.write(JSON.stringify(seed) + '\n');
