/**
 * Builds the county-scale database for bench/ledger.ts (run as a child process, under tsx):
 *
 *   DATABASE_URL=/tmp/x.db node --import tsx bench/ledger-build.ts --households 100000 --entries 5000000
 *
 * The schema comes from the app's own migrations (applyMigrations), then villages, households,
 * members, accounts, rule books and ledger entries are bulk-inserted with prepared statements in
 * large transactions. The entries form a valid chain exactly as postEntry writes it: seq 1, 2, 3 …
 * per village, prevHash/hash by the app's hashEntry, balanceAfter the household's running sum,
 * households.balance the final sum. Entries are generated in time order across the whole county
 * (ids interleave villages as they would in a real database) over the three years before now.
 *
 * What the county looks like (a plausible 县): 10 towns × 20 villages (quick: 2 × 10), 500
 * households per village in ten-household groups of 10, 1–5 members per household (about 3), one
 * account per household (the head's) and one committee account per village. A household's share
 * of the entries follows a log-normal activity weight (some households do much more than others).
 * Kinds: mostly earn (slips, event check-ins, volunteer service records), some deduct (a rule's
 * deduction), redeem (shop orders), expire (with its point_expiries row) and correct (the
 * committee reversing a household's latest deed, source ('entry', id), at most once). Sources
 * other than entries and expiries (slips, orders, check-ins, service records) are ids only: the
 * ledger stores no foreign key to them and no page on the measured paths reads them.
 *
 * Speed: journal off and foreign keys off while loading (the data is consistent by construction),
 * and the ledger's secondary indexes (read from sqlite_master) are dropped before the load and
 * recreated after it with the migration's own SQL — the unique ones then also prove that seq and
 * (source_type, source_id, kind) are unique.
 */
import Database from 'better-sqlite3';
import { parseArgs } from 'node:util';
import { applyMigrations } from '$lib/server/db/migrate';
import { sqlite as appConnection } from '$lib/server/db';
import { GENESIS_HASH, type EntryKind } from '$lib/server/db/schema';
import { hashEntry } from '$lib/server/ledger/hash';

const { values } = parseArgs({
	options: {
		households: { type: 'string' },
		entries: { type: 'string' },
		seed: { type: 'string', default: '8' }
	}
});
const HOUSEHOLDS = Number(values.households);
const ENTRIES = Number(values.entries);
const file = process.env.DATABASE_URL;
if (!file || !(HOUSEHOLDS > 0) || !(ENTRIES > 0)) {
	console.error('usage: DATABASE_URL=<file> … --households N --entries M');
	process.exit(2);
}

const PER_VILLAGE = 500;
const GROUP_SIZE = 10;
const VILLAGES = Math.ceil(HOUSEHOLDS / PER_VILLAGE);
const VILLAGES_PER_TOWN = 20;
const YEARS = 3;

/** mulberry32: a small seeded generator, so a size always builds the same county. */
function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
const random = rng(Number(values.seed));
const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
/** Standard normal (Box–Muller). */
const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

const TOWNS = [
	'城关镇',
	'青山镇',
	'白沙镇',
	'柳河镇',
	'石桥镇',
	'新集镇',
	'大王庄乡',
	'河口镇',
	'双庙乡',
	'高岭镇'
];
const VILLAGE_WORDS = ['柳', '杨', '李', '王', '张', '刘', '陈', '赵', '黄', '周', '吴', '徐'];
const VILLAGE_ENDS = ['家村', '庄村', '湾村', '坪村', '河村', '岭村', '店村', '桥村'];
const SURNAMES = [
	'王',
	'李',
	'张',
	'刘',
	'陈',
	'杨',
	'赵',
	'黄',
	'周',
	'吴',
	'徐',
	'孙',
	'马',
	'朱',
	'胡'
];
const GIVEN = [
	'建国',
	'秀英',
	'桂兰',
	'志强',
	'海燕',
	'文华',
	'春梅',
	'国庆',
	'丽娟',
	'德明',
	'玉兰',
	'小军',
	'红霞',
	'永福',
	'淑芬',
	'伟',
	'芳',
	'静',
	'磊',
	'敏'
];
const RELATIONS = ['户主', '配偶', '子女', '子女', '父母', '孙子女'];
const REASONS = ['登记有误，经核实更正', '重复登记，予以冲正', '评议复核后撤销', '分值录错，更正'];

/** A village's rule book: the earning rules and the deductions entries cite. */
const RULES: { key: string; category: string; name: string; points: number; source: string }[] = [
	{ key: 'filial', category: '孝老爱亲', name: '照料老人', points: 10, source: 'slip' },
	{ key: 'clean', category: '环境卫生/门前三包', name: '门前三包达标', points: 5, source: 'slip' },
	{ key: 'sort', category: '环境卫生/门前三包', name: '垃圾分类', points: 2, source: 'slip' },
	{ key: 'frugal', category: '移风易俗', name: '婚事新办', points: 20, source: 'slip' },
	{
		key: 'volunteer',
		category: '志愿服务',
		name: '志愿服务（每小时）',
		points: 10,
		source: 'service_record'
	},
	{ key: 'meeting', category: '文明新风', name: '参加村民大会', points: 3, source: 'checkin' },
	{ key: 'neighbour', category: '邻里互助', name: '邻里互助', points: 5, source: 'slip' },
	{ key: 'rich', category: '勤劳致富', name: '勤劳致富带头', points: 15, source: 'slip' },
	{ key: 'litter', category: '环境卫生/门前三包', name: '乱堆乱放', points: -5, source: 'slip' },
	{ key: 'burn', category: '遵纪守法', name: '焚烧秸秆', points: -10, source: 'slip' }
];
const EARN_RULES = RULES.map((r, i) => ({ ...r, index: i })).filter((r) => r.points > 0);
const DEDUCT_RULES = RULES.map((r, i) => ({ ...r, index: i })).filter((r) => r.points < 0);

const started = Date.now();
const now = Date.now();
const from = now - YEARS * 365.25 * 86_400_000;
const passwordHash = 'bench: no password login (sessions are inserted by the benchmark)';

// 1. The app's own migrations on the empty file, then our own connection for the bulk load.
applyMigrations();
appConnection.close();
const db = new Database(file);
db.pragma('journal_mode = OFF');
db.pragma('synchronous = OFF');
db.pragma('foreign_keys = OFF');
db.pragma('cache_size = -1000000');

const ledgerIndexes = db
	.prepare(
		`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ledger_entries' AND sql IS NOT NULL`
	)
	.all() as { name: string; sql: string }[];
for (const i of ledgerIndexes) db.exec(`DROP INDEX ${i.name}`);

// 2. Villages, rule books, committee accounts, groups, households, members, head accounts.
const villageIds = new Int32Array(VILLAGES);
const versionIds = new Int32Array(VILLAGES);
const ruleIds: Int32Array[] = [];
const committeeIds = new Int32Array(VILLAGES);
const householdVillage = new Int32Array(HOUSEHOLDS + 1); // by household id → village index
const firstMember = new Int32Array(HOUSEHOLDS + 1);
const memberCount = new Int8Array(HOUSEHOLDS + 1);

db.transaction(() => {
	const insVillage = db.prepare(
		`INSERT INTO villages (id, name, code, town, created_at) VALUES (?, ?, ?, ?, ?)`
	);
	const insUser = db.prepare(
		`INSERT INTO users (id, phone, password_hash, name, member_id, village_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`
	);
	const insGrant = db.prepare(
		`INSERT INTO role_grants (user_id, village_id, role, created_at) VALUES (?, ?, 'committee', ?)`
	);
	const insVersion = db.prepare(
		`INSERT INTO rule_versions (id, village_id, number, status, adopted_by, resolution, created_by, created_at)
		 VALUES (?, ?, 1, 'draft', '村民代表会议', '经村民代表会议表决通过', ?, ?)`
	);
	const publish = db.prepare(
		`UPDATE rule_versions SET status = 'published', adopted_on = ?, published_at = ?, published_by = ? WHERE id = ?`
	);
	const insRule = db.prepare(
		`INSERT INTO rules (id, village_id, version_id, key, category, name, points, sort_order, created_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
	);
	const insGroup = db.prepare(
		`INSERT INTO ten_groups (id, village_id, name, leader_member_id, created_at) VALUES (?, ?, ?, ?, ?)`
	);
	const insHousehold = db.prepare(
		`INSERT INTO households (id, village_id, number, address, villager_group, ten_group_id, head_member_id, plaque_token, created_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
	);
	const insMember = db.prepare(
		`INSERT INTO members (id, village_id, household_id, name, gender, birth_year, relation, created_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
	);
	const created = from - 30 * 86_400_000;
	const adoptedOn = new Date(created).toISOString().slice(0, 10);
	let userId = 0;
	let ruleId = 0;
	let groupId = 0;
	let memberId = 0;
	let householdId = 0;
	for (let v = 0; v < VILLAGES; v++) {
		const id = v + 1;
		villageIds[v] = id;
		const town = TOWNS[Math.floor(v / VILLAGES_PER_TOWN) % TOWNS.length]!;
		const name = `${VILLAGE_WORDS[v % VILLAGE_WORDS.length]}${VILLAGE_ENDS[Math.floor(v / VILLAGE_WORDS.length) % VILLAGE_ENDS.length]}`;
		insVillage.run(id, name, `v${String(id).padStart(3, '0')}`, town, created);
		const committee = ++userId;
		committeeIds[v] = committee;
		insUser.run(
			committee,
			`1380000${String(id).padStart(4, '0')}`,
			passwordHash,
			`${pick(SURNAMES)}${pick(GIVEN)}`,
			null,
			id,
			created
		);
		insGrant.run(committee, id, created);
		versionIds[v] = id;
		insVersion.run(id, id, committee, created);
		const ids = new Int32Array(RULES.length);
		RULES.forEach((r, i) => {
			ids[i] = ++ruleId;
			insRule.run(ruleId, id, id, r.key, r.category, r.name, r.points, i, created);
		});
		ruleIds.push(ids);
		publish.run(adoptedOn, created, committee, id);

		const inVillage = Math.min(PER_VILLAGE, HOUSEHOLDS - householdId);
		for (let k = 0; k < inVillage; k++) {
			const h = ++householdId;
			householdVillage[h] = v;
			const count = Math.min(5, Math.max(1, Math.round(3 + normal())));
			const head = memberId + 1;
			firstMember[h] = head;
			memberCount[h] = count;
			if (k % GROUP_SIZE === 0)
				insGroup.run(++groupId, id, `第${k / GROUP_SIZE + 1}组`, head, created);
			const surname = pick(SURNAMES);
			insHousehold.run(
				h,
				id,
				String(k + 1).padStart(3, '0'),
				`${name}${k + 1}号`,
				`${Math.floor(k / 100) + 1}组`,
				groupId,
				head,
				`bench${String(h).padStart(11, '0')}`,
				created
			);
			for (let m = 0; m < count; m++) {
				insMember.run(
					++memberId,
					id,
					h,
					m === 0 || m === 2 ? `${surname}${pick(GIVEN)}` : `${pick(SURNAMES)}${pick(GIVEN)}`,
					random() < 0.5 ? 'male' : 'female',
					m === 0 ? int(1950, 1985) : int(1940, 2015),
					m === 0 ? '户主' : pick(RELATIONS.slice(1)),
					created
				);
			}
			insUser.run(
				++userId,
				`139${String(h).padStart(8, '0')}`,
				passwordHash,
				`${surname}${pick(GIVEN)}`,
				head,
				id,
				created
			);
		}
	}
})();
console.log(
	`[ledger-build] ${VILLAGES} villages, ${HOUSEHOLDS} households, members and accounts: ${((Date.now() - started) / 1000).toFixed(1)} s`
);

// 3. The entries, in time order across the county.
// Activity weight per household (log-normal), as a cumulative table for weighted picks.
const cumulative = new Float64Array(HOUSEHOLDS);
let total = 0;
for (let h = 0; h < HOUSEHOLDS; h++) {
	total += Math.exp(0.8 * normal());
	cumulative[h] = total;
}
function pickHousehold(): number {
	const x = random() * total;
	let lo = 0;
	let hi = HOUSEHOLDS - 1;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (cumulative[mid]! < x) lo = mid + 1;
		else hi = mid;
	}
	return lo + 1; // household ids start at 1
}

const balance = new Int32Array(HOUSEHOLDS + 1);
/** The household's latest deed not yet corrected (0: none): what a correction reverses. */
const lastDeed = new Int32Array(HOUSEHOLDS + 1);
const lastDeedPoints = new Int32Array(HOUSEHOLDS + 1);
const lastDeedMember = new Int32Array(HOUSEHOLDS + 1);
const lastDeedRule = new Int8Array(HOUSEHOLDS + 1);
const seq = new Int32Array(VILLAGES);
const head: string[] = Array.from({ length: VILLAGES }, () => GENESIS_HASH);
const sourceIds: Record<string, number> = { slip: 0, service_record: 0, checkin: 0, order: 0 };
const kinds: Record<EntryKind, number> = {
	earn: 0,
	deduct: 0,
	redeem: 0,
	refund: 0,
	expire: 0,
	correct: 0
};
const expiryDays = new Map<number, Set<string>>();

const insEntry = db.prepare(
	`INSERT INTO ledger_entries (id, village_id, seq, household_id, member_id, kind, points, source_type, source_id,
	   rule_id, rule_version_id, note, actor_user_id, on_behalf_of_member_id, created_at, balance_after, prev_hash, hash)
	 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
);
const insExpiry = db.prepare(
	`INSERT INTO point_expiries (id, village_id, household_id, cutoff, warned_points, warned_at, expired_points, expired_at, created_at)
	 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
);
let expiryId = 0;
const span = now - from;
const BATCH = 200_000;

for (let start = 0; start < ENTRIES; start += BATCH) {
	db.transaction(() => {
		const end = Math.min(ENTRIES, start + BATCH);
		for (let k = start; k < end; k++) {
			const id = k + 1;
			// Stratified times: increasing with id, spread evenly over the three years.
			const at = Math.floor(from + ((k + random()) / ENTRIES) * span);
			const h = pickHousehold();
			const v = householdVillage[h]!;
			const villageId = villageIds[v]!;
			const member = () => firstMember[h]! + Math.floor(random() * memberCount[h]!);
			let kind: EntryKind = 'earn';
			let points = 0;
			let memberId: number | null = null;
			let rule = -1;
			let sourceType = '';
			let sourceId = 0;
			let note: string | null = null;
			let actor: number | null = null;
			const r = random();
			if (r < 0.012 && lastDeed[h]! > 0) {
				kind = 'correct';
				points = -lastDeedPoints[h]!;
				memberId = lastDeedMember[h]! || null;
				rule = lastDeedRule[h]!;
				sourceType = 'entry';
				sourceId = lastDeed[h]!;
				note = pick(REASONS);
				actor = committeeIds[v]!;
				lastDeed[h] = 0;
			} else if (r < 0.05) {
				const d = pick(DEDUCT_RULES);
				kind = 'deduct';
				points = d.points;
				memberId = member();
				rule = d.index;
				sourceType = d.source;
				sourceId = ++sourceIds[d.source]!;
				actor = committeeIds[v]!;
			} else if (r < 0.13 && balance[h]! >= 30) {
				kind = 'redeem';
				points = -int(10, Math.min(balance[h]!, 300));
				memberId = member();
				sourceType = 'order';
				sourceId = ++sourceIds.order!;
				actor = committeeIds[v]!;
			} else if (r < 0.134 && balance[h]! > 0) {
				// A lapse: its point_expiries row (one per household and cutoff day) is the source.
				const day = new Date(at + 8 * 3_600_000).toISOString().slice(0, 10);
				const days = expiryDays.get(h) ?? new Set<string>();
				if (!days.has(day)) {
					days.add(day);
					expiryDays.set(h, days);
					kind = 'expire';
					points = -int(1, balance[h]!);
					sourceType = 'expiry';
					sourceId = ++expiryId;
					insExpiry.run(
						expiryId,
						villageId,
						h,
						day,
						-points,
						at - 30 * 86_400_000,
						-points,
						at,
						at - 30 * 86_400_000
					);
				}
			}
			if (sourceType === '') {
				const e = pick(EARN_RULES);
				kind = 'earn';
				const quantity = e.source === 'service_record' ? int(1, 4) : 1;
				points = e.points * quantity;
				memberId = random() < 0.85 ? member() : null;
				rule = e.index;
				sourceType = e.source;
				sourceId = ++sourceIds[e.source]!;
			}
			if (kind === 'earn' || kind === 'deduct') {
				lastDeed[h] = id;
				lastDeedPoints[h] = points;
				lastDeedMember[h] = memberId ?? 0;
				lastDeedRule[h] = rule;
			}
			kinds[kind]++;
			balance[h] = balance[h]! + points;
			seq[v] = seq[v]! + 1;
			const fields = {
				seq: seq[v]!,
				villageId,
				householdId: h,
				memberId,
				kind,
				points,
				sourceType,
				sourceId,
				ruleId: rule >= 0 ? ruleIds[v]![rule]! : null,
				ruleVersionId: rule >= 0 ? versionIds[v]! : null,
				note,
				actorUserId: actor,
				onBehalfOfMemberId: null,
				createdAt: at,
				balanceAfter: balance[h]!,
				prevHash: head[v]!
			};
			const hash = hashEntry(fields);
			insEntry.run(
				id,
				villageId,
				fields.seq,
				h,
				memberId,
				kind,
				points,
				sourceType,
				sourceId,
				fields.ruleId,
				fields.ruleVersionId,
				note,
				actor,
				null,
				at,
				fields.balanceAfter,
				fields.prevHash,
				hash
			);
			head[v] = hash;
		}
	})();
	if ((start / BATCH) % 5 === 4) {
		console.log(
			`[ledger-build] ${start + BATCH} entries: ${((Date.now() - started) / 1000).toFixed(1)} s`
		);
	}
}

// 4. The cached balances, then the ledger's indexes back as the migration made them.
db.transaction(() => {
	const set = db.prepare(`UPDATE households SET balance = ? WHERE id = ?`);
	for (let h = 1; h <= HOUSEHOLDS; h++) set.run(balance[h], h);
})();
const indexing = Date.now();
for (const i of ledgerIndexes) db.exec(i.sql);
console.log(`[ledger-build] indexes: ${((Date.now() - indexing) / 1000).toFixed(1)} s`);
db.pragma('journal_mode = WAL');
db.close();
console.log(
	`[ledger-build] done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(kinds)}`
);
