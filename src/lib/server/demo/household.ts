import type { CareTag, RiskTier } from '$lib/server/db/schema';
import { pickGivenName, pickSurname, type Gender } from './names';
import type { Rng } from './prng';
import { person, type MemberPlan, type Relation, type VillageSpec } from './types';

// No 138 prefix: 138000000xx belong to the demo accounts.
const PHONE_PREFIXES =
	'130 131 133 135 136 137 139 150 151 152 155 158 159 177 180 182 186 187 189 199'.split(' ');

/** Someone born in or before this year is an adult in the demo (and most adults have a phone). */
const ADULT_BORN_BY = 2007;
/** Elderly for 巡访关爱 purposes: born before 1950. */
const ELDER_BORN_BEFORE = 1950;

/** The generations that can be on the care list (not a registered son who lives in the city). */
const ELDER_RELATIONS = new Set<Relation>(['户主', '配偶', '父亲', '母亲']);

type Kind = 'empty_nest' | 'left_behind' | 'alone' | 'family' | 'young';

/** How common each kind of household is: most are working families, a quarter are elders. */
const KINDS: readonly [Kind, number][] = [
	['empty_nest', 0.14],
	['left_behind', 0.06],
	['alone', 0.05],
	['family', 0.53],
	['young', 0.22]
];

function pickKind(r: number): Kind {
	let acc = 0;
	for (const [kind, share] of KINDS) {
		acc += share;
		if (r < acc) return kind;
	}
	return 'family';
}

/** Makes up one household at a time (the pinned demo-account households are not its business). */
export class HouseholdPlanner {
	constructor(
		private readonly rng: Rng,
		private readonly spec: VillageSpec,
		/** Phones already handed out, across villages, so no two members share one. */
		private readonly phones: Set<string>
	) {}

	household(): MemberPlan[] {
		const kind = pickKind(this.rng.next());
		const surname = pickSurname(this.rng, this.spec.clan, this.spec.clanShare);
		const members: MemberPlan[] = [];
		const add = (relation: Relation, gender: Gender, birthYear: number, ownSurname = surname) => {
			const m = person({
				name: this.name(ownSurname, gender, birthYear, members),
				gender,
				birthYear,
				relation
			});
			members.push(m);
			return m;
		};
		const other = (g: Gender): Gender => (g === 'male' ? 'female' : 'male');
		// A spouse or mother married in: usually from another family name.
		const outsider = () => {
			const s = pickSurname(this.rng);
			return s === surname ? pickSurname(this.rng) : s;
		};

		if (kind === 'young' || kind === 'family') {
			const headBorn = kind === 'young' ? this.rng.int(1986, 1998) : this.rng.int(1958, 1985);
			const head = add('户主', this.rng.chance(0.9) ? 'male' : 'female', headBorn);
			const spouse = add('配偶', other(head.gender), headBorn + this.rng.int(-3, 4), outsider());
			spouse.mayActForHousehold = this.rng.chance(0.4);
			const children = kind === 'young' ? this.rng.int(0, 2) : this.rng.int(1, 2);
			let born = headBorn + this.rng.int(22, 32);
			for (let i = 0; i < children; i++) {
				add('子女', this.rng.chance(0.5) ? 'male' : 'female', Math.min(2024, born));
				born += this.rng.int(2, 6);
			}
			// A grandparent who moved in with the family.
			const parentBorn = headBorn - this.rng.int(22, 32);
			if (kind === 'family' && parentBorn >= 1928 && this.rng.chance(0.35)) {
				const gender = this.rng.chance(0.6) ? 'female' : 'male';
				add(
					gender === 'female' ? '母亲' : '父亲',
					gender,
					parentBorn,
					gender === 'female' ? outsider() : surname
				);
			}
		} else {
			const headBorn = this.rng.int(1930, 1952);
			const head = add('户主', this.rng.chance(0.8) ? 'male' : 'female', headBorn);
			if (kind === 'empty_nest') {
				add('配偶', other(head.gender), headBorn + this.rng.int(-2, 4), outsider());
			} else if (kind === 'left_behind') {
				if (this.rng.chance(0.6))
					add('配偶', other(head.gender), headBorn + this.rng.int(-2, 4), outsider());
				for (let i = this.rng.int(1, 2); i > 0; i--) {
					add('孙子女', this.rng.chance(0.5) ? 'male' : 'female', this.rng.int(2008, 2020));
				}
			} else {
				// 人户分离: the son is registered here but works in the city, so the elder lives alone.
				add('子女', this.rng.chance(0.7) ? 'male' : 'female', headBorn + this.rng.int(24, 32));
			}
		}

		const dibao = this.rng.chance(0.05);
		const bereaved = kind === 'empty_nest' && this.rng.chance(0.06);
		for (const m of members) {
			if (dibao && (m.relation === '户主' || m.relation === '配偶')) m.assistance = 'dibao';
			if (m.birthYear < 1955 && ELDER_RELATIONS.has(m.relation)) this.care(m, kind, bereaved);
			if (
				m.birthYear <= ADULT_BORN_BY &&
				this.rng.chance(m.birthYear < ELDER_BORN_BEFORE ? 0.35 : 0.92)
			) {
				m.phone = this.phone();
			}
		}
		return members;
	}

	/** Care tags, risk tier and 代办 consent for an older member. */
	private care(m: MemberPlan, kind: Kind, bereaved: boolean) {
		const tags = new Set<CareTag>();
		if (m.birthYear <= 1945) tags.add('高龄');
		if (kind === 'empty_nest') tags.add('空巢');
		if (kind === 'left_behind') tags.add('留守');
		if (kind === 'alone' && m.relation === '户主') tags.add('独居');
		if (bereaved) {
			// A couple who lost their only child and have no one to support them: 失独, 特困.
			tags.add('失独');
			tags.add('特困');
			m.assistance = 'tekun';
		}
		if (this.rng.chance(0.06)) tags.add('失能');
		if (this.rng.chance(0.03)) tags.add('重残');
		// Only the elderly proper are on the visit list; a 70-year-old in a family is not.
		if (m.birthYear >= ELDER_BORN_BEFORE && kind === 'family') tags.clear();
		m.careTags = [...tags];
		m.riskTier = riskTier(tags, m.birthYear);
		m.proxyConsent = tags.has('失能') || (m.birthYear < ELDER_BORN_BEFORE && this.rng.chance(0.45));
	}

	private name(surname: string, gender: Gender, birthYear: number, taken: MemberPlan[]): string {
		for (let i = 0; ; i++) {
			const name = surname + pickGivenName(this.rng, gender, birthYear);
			if (i > 20 || !taken.some((m) => m.name === name)) return name;
		}
	}

	phone(): string {
		for (;;) {
			const phone =
				this.rng.pick(PHONE_PREFIXES) + String(this.rng.int(0, 99_999_999)).padStart(8, '0');
			if (!this.phones.has(phone)) {
				this.phones.add(phone);
				return phone;
			}
		}
	}
}

function riskTier(tags: Set<CareTag>, birthYear: number): RiskTier | null {
	if (tags.size === 0) return null;
	if (tags.has('失能') || tags.has('重残') || tags.has('特困') || birthYear < 1935) return 'high';
	if (tags.has('高龄') || tags.has('独居') || tags.has('失独')) return 'medium';
	return 'low';
}
