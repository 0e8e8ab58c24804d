import type { CareTag, RiskTier } from '$lib/server/db/schema';
import type { Gender } from './names';

/** The demo village as plain data, before it touches the database. */

export type Relation = '户主' | '配偶' | '子女' | '父亲' | '母亲' | '孙子女';

export type MemberPlan = {
	name: string;
	gender: Gender;
	birthYear: number;
	relation: Relation;
	phone: string | null;
	careTags: CareTag[];
	riskTier: RiskTier | null;
	assistance: 'none' | 'dibao' | 'tekun';
	proxyConsent: boolean;
	mayActForHousehold: boolean;
};

/** Members in order; the first is the head (户主). */
export type HouseholdPlan = {
	number: string;
	address: string;
	villagerGroup: string;
	members: MemberPlan[];
};

export type GroupPlan = {
	name: string;
	households: HouseholdPlan[];
	/** The leader is the head of households[leaderHousehold]. */
	leaderHousehold: number;
};

export type VillagePlan = { name: string; code: string; town: string; groups: GroupPlan[] };

export type VillageSpec = {
	name: string;
	code: string;
	town: string;
	seed: number;
	/** 户号 prefix, e.g. "LT" → LT-001. */
	prefix: string;
	households: number;
	groupSize: number;
	/** 村民小组 names, e.g. 一组…六组; households are spread over them in order. */
	villagerGroups: readonly string[];
	/** The village's big clans, e.g. 马 in 马家村. */
	clan: readonly string[];
	clanShare: number;
	/** Fixed households (by index) that carry the demo accounts. */
	pinned: Readonly<Record<number, readonly MemberPlan[]>>;
};

/** A member with the defaults a plain villager has. */
export function person(
	fields: Pick<MemberPlan, 'name' | 'gender' | 'birthYear' | 'relation'> & Partial<MemberPlan>
): MemberPlan {
	return {
		phone: null,
		careTags: [],
		riskTier: null,
		assistance: 'none',
		proxyConsent: false,
		mayActForHousehold: false,
		...fields
	};
}
