import { asc, eq } from 'drizzle-orm';
import type { Tx } from '$lib/server/db';
import { households, members, type EntryKind, type Rule } from '$lib/server/db/schema';
import { postEntry } from '$lib/server/ledger/post-entry';
import { mulberry32, type Rng } from './prng';

/**
 * A few months of 柳条村 ledger history for the demo, posted through postEntry in time order so
 * the hash chain and every balance are exactly what real use would produce. Entries say what
 * they are: source 'opening_balance' for what the paper passbooks (纸质存折) carried over when
 * the village went digital on 1 April 2026, source 'demo' for the invented deeds since.
 */

type Planned = {
	at: Date;
	householdId: number;
	memberId: number | null;
	rule: string | null;
	points: number;
	sourceType: 'demo' | 'opening_balance';
	note?: string;
	/** A correction of another planned entry. */
	corrects?: Planned;
};

type Family = { id: number; number: string; adults: number[]; members: Map<string, number> };

const MONTHS = [4, 5, 6, 7, 8, 9, 10, 11] as const;
const OPENED = '2026-04-01';
const LAST_DAY = 18; // of November: history ends a few days before "now" in the demo

const at = (month: number, day: number, minutes: number) => {
	const d = new Date(
		`2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T08:00:00+08:00`
	);
	return new Date(d.getTime() + minutes * 60_000);
};

export function seedDemoLedger(
	tx: Tx,
	villageId: number,
	ruleBook: Map<string, Rule>,
	actorUserId: number | null
): void {
	const plan = planHistory(familiesOf(tx, villageId), mulberry32(20260401));
	plan.sort((a, b) => a.at.getTime() - b.at.getTime());
	const posted = new Map<Planned, number>();
	let demoSource = 0;
	for (const p of plan) {
		const rule = p.rule === null ? undefined : ruleBook.get(p.rule);
		if (p.rule !== null && !rule) throw new Error(`demo ledger: no rule ${p.rule}`);
		const original = p.corrects ? posted.get(p.corrects) : undefined;
		const kind: EntryKind = original !== undefined ? 'correct' : p.points > 0 ? 'earn' : 'deduct';
		const { entry } = postEntry(tx, {
			villageId,
			householdId: p.householdId,
			memberId: p.memberId,
			kind,
			points: p.points,
			source:
				original !== undefined
					? { type: 'entry', id: original }
					: p.sourceType === 'opening_balance'
						? { type: 'opening_balance', id: p.householdId }
						: { type: 'demo', id: ++demoSource },
			rule: rule ? { ruleId: rule.id, ruleVersionId: rule.versionId } : null,
			note: p.note ?? null,
			actorUserId,
			at: p.at
		});
		posted.set(p, entry.id);
	}
}

function familiesOf(tx: Tx, villageId: number): Family[] {
	const rows = tx
		.select({
			householdId: households.id,
			number: households.number,
			memberId: members.id,
			name: members.name,
			birthYear: members.birthYear
		})
		.from(households)
		.innerJoin(members, eq(members.householdId, households.id))
		.where(eq(households.villageId, villageId))
		.orderBy(asc(households.number), asc(members.id))
		.all();
	const byId = new Map<number, Family>();
	for (const r of rows) {
		let f = byId.get(r.householdId);
		if (!f) {
			f = { id: r.householdId, number: r.number, adults: [], members: new Map() };
			byId.set(r.householdId, f);
		}
		f.members.set(r.name, r.memberId);
		// Deeds are done by working-age members (the elders are the ones cared for).
		const born = r.birthYear ?? 1980;
		if (born >= 1950 && born <= 2008) f.adults.push(r.memberId);
	}
	return [...byId.values()];
}

function planHistory(families: Family[], rng: Rng): Planned[] {
	const plan: Planned[] = [];
	let corrected = false;
	families.forEach((f, index) => {
		const add = (
			month: number,
			day: number,
			rule: string,
			points: number,
			memberId: number | null
		) => {
			const entry: Planned = {
				at: at(month, Math.min(day, month === 11 ? LAST_DAY : 28), index + rng.int(0, 600)),
				householdId: f.id,
				memberId,
				rule,
				points,
				sourceType: 'demo'
			};
			plan.push(entry);
			return entry;
		};
		const someone = () => (f.adults.length > 0 ? rng.pick(f.adults) : null);
		// The first working-age member: usually the head (members are in order, head first).
		const head = f.adults[0] ?? null;
		const showcase = f.number === 'LT-001';

		const opening = showcase ? 480 : rng.int(0, 60) * 5;
		if (opening > 0) {
			plan.push({
				at: at(4, 1, index),
				householdId: f.id,
				memberId: null,
				rule: null,
				points: opening,
				sourceType: 'opening_balance',
				note: `纸质存折结转（${OPENED} 启用线上积分）`
			});
		}
		for (const month of MONTHS) {
			const walk = month === 11 ? 15 : 25;
			// The monthly 环境卫生 walk scores every household.
			const r = rng.next();
			if (showcase || r < 0.78) add(month, walk, '月度环境卫生检查：庭院整洁', 3, null);
			else if (r >= 0.88) {
				const deduction = add(month, walk, '乱堆乱放、乱倒垃圾', -5, null);
				if (!corrected && index > 10 && month < 11) {
					corrected = true;
					plan.push({
						...deduction,
						at: new Date(deduction.at.getTime() + 3 * 86_400_000),
						points: 5,
						note: '复查时发现杂物为邻户临时堆放，经核实予以更正。',
						corrects: deduction
					});
				}
			}
			if (showcase || rng.chance(0.65)) add(month, walk, '门前三包落实到位', 2, null);
			if (rng.chance(0.5)) add(month, walk, '垃圾分类投放正确', 2, null);
			if (rng.chance(0.3)) add(month, rng.int(1, 28), '参加村志愿服务活动', 5, someone());
			if (rng.chance(0.12)) add(month, rng.int(1, 28), '帮助邻里解决生产生活困难', 5, someone());
			if (rng.chance(0.1)) add(month, rng.int(1, 28), '子女常回家看望独居父母', 3, someone());
			if (rng.chance(0.25)) add(month, rng.int(1, 28), '积极参加村民会议、议事会', 2, head);
			if (!showcase && rng.chance(month >= 10 ? 0.04 : 0.01)) {
				add(month, rng.int(1, 28), '焚烧秸秆或垃圾', -10, null);
			}
			if (rng.chance(0.02)) add(month, rng.int(1, 28), '红白喜事简办', 20, head);
			if (rng.chance(0.01))
				add(month, rng.int(1, 28), '拾金不昧（价值 100 元以上）', 10, someone());
			if (!showcase && rng.chance(0.003)) add(month, rng.int(1, 28), '参与赌博', -30, someone());
		}
		if (rng.chance(0.85)) add(5, rng.int(5, 25), '按时缴纳医保、养老保险', 5, head);
		if (showcase) planShowcase(f, add);
	});
	return plan;
}

/** LT-001 (the demo household head's) — a family the village holds up: past 600 points. */
function planShowcase(
	f: Family,
	add: (month: number, day: number, rule: string, points: number, memberId: number | null) => void
): void {
	const head = f.adults[0] ?? null;
	const carer = f.members.get('王淑芬') ?? head;
	const daughter = f.members.get('刘晓雨') ?? head;
	for (const month of MONTHS) {
		add(month, 28, '照料生病或失能老人', 10, carer);
		add(month, 8, '巡访关爱独居、高龄老人', 5, head);
		add(month, 20, '巡访关爱独居、高龄老人', 5, head);
	}
	add(6, 18, '被评为“美丽庭院”', 20, null);
	add(8, 12, '无偿献血', 20, daughter);
}
