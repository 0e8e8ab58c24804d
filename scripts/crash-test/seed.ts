/**
 * Seeds the crash test's database through the real services (run as a child process with
 * DATABASE_URL set, before the server starts): one village with a published rule book, a
 * committee member, a shopkeeper, households whose heads have logins and points, shop items with
 * stock, and events open for check-in that credit attendance at once. Prints the world as JSON
 * (ids and Bearer API tokens) on stdout for scripts/crash-test.ts.
 */
import { loadViewer } from '$lib/server/auth/viewer';
import { issueApiToken } from '$lib/server/auth/tokens';
import { sqlite, write } from '$lib/server/db';
import { applyMigrations } from '$lib/server/db/migrate';
import { households, members, roleGrants, users, villages } from '$lib/server/db/schema';
import { createEvent } from '$lib/server/events/create-event';
import { setEventSettings } from '$lib/server/events/set-event-settings';
import { postEntry } from '$lib/server/ledger/post-entry';
import { addRule } from '$lib/server/rules/add-rule';
import { createDraft } from '$lib/server/rules/create-draft';
import { publishDraft } from '$lib/server/rules/publish-draft';
import { recordStockIn } from '$lib/server/shop/record-stock-in';
import { saveItem } from '$lib/server/shop/save-item';
import { eq } from 'drizzle-orm';

export type CrashWorld = {
	villageId: number;
	committeeToken: string;
	shopkeeperToken: string;
	/** The rule slips are reported under (no caps, no photo). */
	ruleId: number;
	/** The rule attendance earns at the events the load creates. */
	eventRuleId: number;
	eventIds: number[];
	/** Every member of the village (heads and the others), for check-ins and slips. */
	memberIds: number[];
	homes: { householdId: number; memberIds: number[]; token: string }[];
	itemIds: number[];
};

const HOUSEHOLDS = 24;
const MEMBERS_PER_HOUSEHOLD = 4;
const EVENTS = 12;
/** Enough for every order of a long run: a refusal for want of points would test little. */
const STARTING_POINTS = 1_000_000;
// Item stock: one plentiful item and a few scarce ones, so "stock ≥ 0" is exercised by refusals.
const ITEMS = [
	{ name: '大米', price: 20, stock: 10_000 },
	{ name: '食用油', price: 35, stock: 400 },
	{ name: '洗衣粉', price: 15, stock: 150 },
	{ name: '毛巾', price: 8, stock: 40 }
];

// Phones of the seeded logins (nobody logs in with them: the clients use API tokens); the demo's
// are 138…, so none collide.
let phone = 17_900_000_000;
const PASSWORD_UNUSABLE = '!unusable';

function main(): CrashWorld {
	applyMigrations();
	const village = write((tx) =>
		tx
			.insert(villages)
			.values({ name: '断电村', code: 'crash', town: '测试镇', redeemThreshold: 0 })
			.returning()
			.get()
	);
	const staff = (name: string, role: 'committee' | 'shopkeeper') =>
		write((tx) => {
			const user = tx
				.insert(users)
				.values({
					phone: String(phone++),
					name,
					passwordHash: PASSWORD_UNUSABLE,
					villageId: village.id
				})
				.returning()
				.get();
			tx.insert(roleGrants).values({ userId: user.id, villageId: village.id, role }).run();
			return user;
		});
	const committeeUser = staff('主任', 'committee');
	const shopkeeperUser = staff('店长', 'shopkeeper');
	const committee = loadViewer(committeeUser);
	const shopkeeper = loadViewer(shopkeeperUser);

	const draft = createDraft(committee);
	addRule(committee, draft.id, { category: '邻里互助', name: '帮扶邻里', points: 5 });
	addRule(committee, draft.id, { category: '文明新风', name: '参加活动', points: 2 });
	const book = publishDraft(committee, draft.id, {
		adoptedBy: '村民代表会议',
		adoptedOn: '2026-01-10',
		resolution: '表决通过'
	});
	const rule = (name: string) => book.rules.find((r) => r.name === name)!;

	const homes: CrashWorld['homes'] = [];
	for (let h = 0; h < HOUSEHOLDS; h++) {
		const home = write((tx) => {
			const household = tx
				.insert(households)
				.values({ villageId: village.id, number: `D-${String(h + 1).padStart(3, '0')}` })
				.returning()
				.get();
			const memberIds: number[] = [];
			for (let i = 0; i < MEMBERS_PER_HOUSEHOLD; i++) {
				const member = tx
					.insert(members)
					.values({
						villageId: village.id,
						householdId: household.id,
						name: `村民${h + 1}-${i + 1}`,
						birthYear: 1960 + i * 10,
						relation: i === 0 ? '户主' : '子女'
					})
					.returning()
					.get();
				memberIds.push(member.id);
			}
			tx.update(households)
				.set({ headMemberId: memberIds[0] })
				.where(eq(households.id, household.id))
				.run();
			const head = tx
				.insert(users)
				.values({
					phone: String(phone++),
					name: `村民${h + 1}-1`,
					passwordHash: PASSWORD_UNUSABLE,
					villageId: village.id,
					memberId: memberIds[0]
				})
				.returning()
				.get();
			postEntry(tx, {
				villageId: village.id,
				householdId: household.id,
				kind: 'earn',
				points: STARTING_POINTS,
				source: { type: 'crash_seed', id: household.id },
				note: 'crash test starting points'
			});
			return { householdId: household.id, memberIds, headUserId: head.id };
		});
		homes.push({
			householdId: home.householdId,
			memberIds: home.memberIds,
			token: issueApiToken(home.headUserId, village.id, 'crash test').token
		});
	}

	const itemIds = ITEMS.map((i) => {
		const item = saveItem(committee, null, {
			name: i.name,
			category: '日用品',
			pointsPrice: i.price,
			monthlyLimit: null,
			active: true
		});
		recordStockIn(shopkeeper, { itemId: item.id, kind: 'purchase', quantity: i.stock });
		return item.id;
	});

	// Attendance credited at once: every check-in is also a ledger entry.
	setEventSettings(committee, { attendancePoints: 'credit' });
	const now = Date.now();
	const iso = (ms: number) => new Date(ms).toISOString();
	const eventIds = Array.from({ length: EVENTS }, (_, i) => {
		const event = createEvent(committee, {
			type: '其他',
			title: `断电演练${i + 1}`,
			description: '',
			place: '村委会',
			startsAt: iso(now),
			endsAt: iso(now + 24 * 3600_000),
			capacity: '',
			signupRequired: false,
			attendanceRuleId: rule('参加活动').id,
			checkInOpensAt: iso(now - 3600_000),
			checkInClosesAt: iso(now + 24 * 3600_000),
			teamId: ''
		});
		return event.id;
	});

	const world: CrashWorld = {
		villageId: village.id,
		committeeToken: issueApiToken(committeeUser.id, village.id, 'crash test').token,
		shopkeeperToken: issueApiToken(shopkeeperUser.id, village.id, 'crash test').token,
		ruleId: rule('帮扶邻里').id,
		eventRuleId: rule('参加活动').id,
		eventIds,
		memberIds: homes.flatMap((h) => h.memberIds),
		homes,
		itemIds
	};
	// Checkpoint and close: the server is the next to open the file.
	sqlite.pragma('wal_checkpoint(TRUNCATE)');
	sqlite.close();
	return world;
}

process.stdout.write(JSON.stringify(main()) + '\n');
