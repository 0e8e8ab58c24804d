import { DomainError } from '$lib/server/errors';
import type { Role, Viewer } from '$lib/server/auth/viewer';

/**
 * The one place that answers "may this user do this to this thing here" — for pages, API
 * endpoints and socket rooms alike. Services call `authorize` before they read or write.
 *
 * Tenant isolation comes first: outside their own village a user (other than the town admin)
 * is told the thing does not exist (404), so ids can't be probed for existence.
 */

export type Target =
	| { kind: 'town' }
	| { kind: 'village'; villageId: number }
	| { kind: 'household'; villageId: number; householdId: number; tenGroupId: number | null }
	| {
			kind: 'member';
			villageId: number;
			memberId: number;
			householdId: number;
			tenGroupId: number | null;
			proxyConsent: boolean;
			/** The household's head, or a member the head allows to act for the household. */
			actsForHousehold?: boolean;
	  }
	| { kind: 'group'; villageId: number; groupId: number }
	| {
			kind: 'event';
			villageId: number;
			eventId: number;
			organiser: 'committee' | 'team';
			teamId: number | null;
	  }
	| {
			kind: 'team';
			villageId: number;
			teamId: number;
			/** Active leaders of the volunteer team (member ids). */
			leaderMemberIds: number[];
			/** Active members, leaders included (member ids). */
			memberIds: number[];
	  }
	| {
			kind: 'care';
			villageId: number;
			/** Active members (leaders included) of the village's 巡访关爱 teams: the visiting team. */
			visitorMemberIds: number[];
	  };

type Rule = (viewer: Viewer, target: Target) => boolean;

const has =
	(...roles: Role[]): Rule =>
	(viewer) =>
		roles.some((r) => viewer.roles.includes(r));

const householdOf = (t: Target) =>
	t.kind === 'household' || t.kind === 'member' ? t.householdId : null;
const groupOf = (t: Target) =>
	t.kind === 'household' || t.kind === 'member'
		? t.tenGroupId
		: t.kind === 'group'
			? t.groupId
			: null;

const inOwnHousehold: Rule = (v, t) => v.householdId !== null && householdOf(t) === v.householdId;
const leadsGroupOf: Rule = (v, t) => {
	const g = groupOf(t);
	return g !== null && v.ledGroupIds.includes(g);
};
const visitsElders: Rule = (v, t) =>
	t.kind === 'care' && v.memberId !== null && t.visitorMemberIds.includes(v.memberId);
const isSelf: Rule = (v, t) => t.kind === 'member' && v.memberId === t.memberId;
const any =
	(...rules: Rule[]): Rule =>
	(v, t) =>
		rules.some((r) => r(v, t));
const actsFor: Rule = (v, t) =>
	t.kind === 'member' &&
	t.proxyConsent &&
	!isSelf(v, t) &&
	v.roles.includes('villager') &&
	(inOwnHousehold(v, t) || leadsGroupOf(v, t));
/**
 * Spends the household's points: the target is the member on whose authority it is done — the
 * viewer themself or the member they act for (代办) — who must be the head or allowed by the head.
 */
const spendsForHousehold: Rule = (v, t) =>
	t.kind === 'member' &&
	t.actsForHousehold === true &&
	v.roles.includes('villager') &&
	(isSelf(v, t) || actsFor(v, t));

const RULES = {
	// Town level
	'village:create': has('town_admin'),
	'village:list_all': has('town_admin'),
	// Village level
	'village:view': any(has('town_admin'), (v, t) => 'villageId' in t && v.villageId === t.villageId),
	'village:edit_settings': has('committee', 'town_admin'),
	'people:manage': has('committee'),
	'people:import': has('committee'),
	'people:export': has('committee'),
	/** Names, households and groups — what a shopkeeper or team leader needs to find someone. */
	'people:directory': has('committee', 'shopkeeper', 'team_leader', 'group_leader'),
	'accounts:manage': has('committee'),
	'roles:assign': has('committee'),
	// One household
	'household:view': any(has('committee', 'shopkeeper'), inOwnHousehold, leadsGroupOf),
	'household:set_actors': (v, t) => v.roles.includes('household_head') && inOwnHousehold(v, t),
	// One member
	'member:view_private': any(has('committee'), isSelf),
	/** Agreeing to 代办 is the member's own choice; the committee may record a paper consent. */
	'member:set_proxy_consent': any(has('committee'), isSelf),
	/** 代办: family or the member's 十户长 acts for a member who has agreed to it. */
	'member:act_for': actsFor,
	// One ten-household group
	'group:view': any(has('committee'), leadsGroupOf),
	// Realtime rooms (src/lib/server/realtime/rooms.ts)
	/** The village's public feed: anyone, even without an account (see PUBLIC_ACTIONS). */
	'room:village': () => true,
	/** Points credited, redemption ready: the household's members (代办 via member:act_for). */
	'room:household': inOwnHousehold,
	/** New reports to review, orders to hand over. */
	'room:staff': has('committee', 'shopkeeper'),
	// Points bank: rule book and ledger (src/lib/server/rules, src/lib/server/ledger)
	/** Drafts of the rule book: edit, publish, discard. (The published rule book is public.) */
	'rules:manage': has('committee'),
	/** A household's statement and passbook: its members (代办 included), its 十户长, the committee. */
	'ledger:view_household': any(has('committee'), inOwnHousehold, leadsGroupOf),
	/** The village's ledger as a whole: every entry of every household. */
	'ledger:view_village': has('committee'),
	/** A reversing entry with a reason. */
	'ledger:correct': has('committee'),
	/** Recompute balances and the hash chain. */
	'ledger:verify': has('committee', 'town_admin'),
	// Deposit slips 道德存单 (src/lib/server/slips)
	/** Report a deed of a member: their own household, a 十户长's group, team leaders, the committee. */
	'slips:report': any(has('committee', 'team_leader'), inOwnHousehold, leadsGroupOf),
	/** The first check (two-level review): the 十户长 of the slip's household. */
	'slips:check': leadsGroupOf,
	/** Approve (post for 公示) or reject a slip; the village's review queue. */
	'slips:review': has('committee'),
	/** A committee inspection scoring many households on one rule at once (环境卫生 walk). */
	'slips:inspect': has('committee'),
	/**
	 * The person helped reports the deed of a helper in another household: anyone who belongs to
	 * a household of the village (the service refuses their own household — that is `slips:report`).
	 */
	'slips:report_helped': (v) => v.householdId !== null,
	/** Object (异议) to a slip on the notice board: any villager of the village. */
	'slips:object': (v) => v.householdId !== null,
	/** Uphold or dismiss an objection, with a reason. */
	'slips:resolve_objection': has('committee'),
	/** A slip's photo before it is public (on the notice board it is public, location stripped). */
	'slips:view_photo': any(has('committee'), inOwnHousehold, leadsGroupOf),
	// Public pages (names masked, nothing private); see PUBLIC_ACTIONS.
	/** 光荣榜: rankings by month / year / group, when the village shows rankings at all. */
	'honour:view': () => true,
	/** The door plaque's public page: masked head and standing. */
	'plaque:view': () => true,
	/** Print door plaques with their QR codes. */
	'plaque:print': has('committee'),
	// Points supermarket 积分超市 (src/lib/server/shop)
	/** The catalog with prices and stock: public (nothing private in it); see PUBLIC_ACTIONS. */
	'shop:view_catalog': () => true,
	/** Who gave what to the shop, when: public by design. */
	'shop:view_donations': () => true,
	/** Add, edit, deactivate items. */
	'shop:manage_catalog': has('committee', 'shopkeeper'),
	/** Purchases, donations and stocktake corrections; the stock book. */
	'shop:record_stock': has('committee', 'shopkeeper'),
	/** Confirm (or reject) a stocktake difference: the books change only then. */
	'shop:confirm_stocktake': has('committee'),
	/** Order for the household (target: the member whose authority it is; see spendsForHousehold). */
	'shop:order': spendsForHousehold,
	/** A household's orders and pickup codes. */
	'shop:view_orders': any(has('committee', 'shopkeeper'), inOwnHousehold, leadsGroupOf),
	/** The village's open orders; hand over by pickup code. */
	'shop:hand_over': has('committee', 'shopkeeper'),
	/** Cancel an open order: the shop, or whoever may order for the household. */
	'shop:cancel_order': any(has('committee', 'shopkeeper'), spendsForHousehold),
	// Polls 征求意见 (src/lib/server/polls)
	/** Open a poll, close it early. */
	'polls:manage': has('committee'),
	/**
	 * Cast or change the household's one vote: whoever may order for the household (the head, a
	 * member the head allows, or someone acting for one of them) — the same rule as 'shop:order'.
	 */
	'polls:vote': spendsForHousehold,
	/**
	 * A closed poll's counts (no names: only how many households chose each option): public once
	 * the poll has closed, like the notice board; see PUBLIC_ACTIONS. While open the service shows
	 * counts to nobody, so early results can't sway the remaining votes.
	 */
	'polls:view_results': () => true,
	// Events 睦邻活动 (src/lib/server/events)
	/** Event list, calendar and details (counts, masked names): public; see PUBLIC_ACTIONS. */
	'events:view': () => true,
	/**
	 * Create an event: the committee, or a team leader for an event of a volunteer team (the
	 * service makes a team leader's event a team event; team membership isn't checked yet).
	 */
	'events:create': has('committee', 'team_leader'),
	/** The roster, the rotating QR code, card scans, ticking names: committee; team events: team leaders. */
	'events:organise': (v, t) =>
		v.roles.includes('committee') ||
		(t.kind === 'event' && t.organiser === 'team' && v.roles.includes('team_leader')),
	/** Sign a member up (or cancel): themself, or 代办 for a member who agreed to it. */
	'events:signup': any(isSelf, actsFor),
	/** Check in by scanning the event's QR code: the member themself, or 代办 on the spot. */
	'events:check_in': any(isSelf, actsFor),
	/** Print member cards (QR codes for staff to scan at events). */
	'events:print_cards': has('committee'),
	/** Choose how attendance points are given (deposit slip or credited at once). */
	'events:settings': has('committee'),
	/** Live attendance of an event: counts and masked names only, so public (PUBLIC_ACTIONS). */
	'room:event': () => true,
	// Volunteer teams 志愿服务队 (src/lib/server/teams)
	/** Team list and team pages, certificate verification: public (counts and hours only). */
	'teams:view_public': () => true,
	/** Create teams, appoint leaders (who hold the team_leader role). */
	'teams:manage': has('committee'),
	/**
	 * Run one team: decide applications, the roster, log and correct service hours, resolve
	 * disputes. The committee, or a team_leader who leads this team.
	 */
	'teams:lead': any(
		has('committee'),
		(v, t) =>
			t.kind === 'team' &&
			v.roles.includes('team_leader') &&
			v.memberId !== null &&
			t.leaderMemberIds.includes(v.memberId)
	),
	/** Apply to a team or leave it: the member, or whoever acts for them (代办). */
	'teams:enrol': any(isSelf, actsFor),
	/** A member's service records, hours and certificate. */
	'teams:view_records': any(has('committee'), isSelf, actsFor),
	/** Dispute one's own service record (or for the member one acts for). */
	'teams:dispute': any(isSelf, actsFor),
	/** Issue a 志愿服务证明 for a member: the member (代办 too) or the committee. */
	'teams:certificate': any(has('committee'), isSelf, actsFor),
	/** The team's realtime room: its active members and leaders, the committee. */
	'room:team': any(
		has('committee'),
		(v, t) => t.kind === 'team' && v.memberId !== null && t.memberIds.includes(v.memberId)
	),
	// Shop monthly report (src/lib/server/shop/report)
	/** Redemptions by item and household (real names), stock in and out, points liability. */
	'shop:view_report': has('committee', 'shopkeeper'),
	// Care visits 巡访关爱 (src/lib/server/care): care tags and visit notes are private
	/** The worklist, elders' care tags and visit notes: the committee and the visiting team. */
	'care:view': any(has('committee'), visitsElders),
	/** Record a visit to a tagged elder: the committee or a member of a 巡访关爱 team. */
	'care:record': any(has('committee'), visitsElders),
	/** Resolve follow-ups, set the visit intervals, the coverage report: the committee. */
	'care:manage': has('committee')
} satisfies Record<string, Rule>;

export type Action = keyof typeof RULES;
export const ACTIONS = Object.keys(RULES) as Action[];

export type Decision = 'allow' | 'unauthenticated' | 'not_found' | 'forbidden';

/**
 * Actions on data that is public by design (names masked, nothing private): allowed for
 * everyone — anonymous visitors and other villages too — so tenant isolation doesn't apply.
 */
const PUBLIC_ACTIONS: ReadonlySet<Action> = new Set<Action>([
	'room:village',
	'honour:view',
	'plaque:view',
	'shop:view_catalog',
	'shop:view_donations',
	'polls:view_results',
	'events:view',
	'room:event',
	'teams:view_public'
]);
export const isPublicAction = (action: Action): boolean => PUBLIC_ACTIONS.has(action);

export function decide(viewer: Viewer | null, action: Action, target: Target): Decision {
	if (PUBLIC_ACTIONS.has(action)) return 'allow';
	if (!viewer) return 'unauthenticated';
	if (target.kind !== 'town' && !viewer.isTownAdmin && viewer.villageId !== target.villageId) {
		return 'not_found';
	}
	return RULES[action](viewer, target) ? 'allow' : 'forbidden';
}

export function can(viewer: Viewer | null, action: Action, target: Target): boolean {
	return decide(viewer, action, target) === 'allow';
}

/** Throws the matching DomainError unless the viewer may do `action` to `target`. */
export function authorize(
	viewer: Viewer | null,
	action: Action,
	target: Target
): asserts viewer is Viewer {
	// Acting needs someone to act: a public action is open to read (can/decide), not this.
	const decision = viewer ? decide(viewer, action, target) : 'unauthenticated';
	if (decision !== 'allow') throw new DomainError(decision);
}
