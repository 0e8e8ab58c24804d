/**
 * Role × action, as one explicit table over `decide()` in src/lib/server/permissions.ts.
 *
 * Pure: the viewers are plain objects, so this is the rule book itself, not the data loading.
 * Every action in ACTIONS must appear here (a new action fails the test until it is given its
 * row), and every cell is compared, so a changed rule fails the test.
 *
 * The village (A = 1) has:
 *   household 11 (in group 20) — the viewer's own home, where they are member 101 and their
 *     housemate 102 has agreed to 代办;
 *   household 12 (in group 21) — the neighbours: member 201 has agreed to 代办, 202 has not.
 *   "glT" leads group 21 (the neighbours' group), "glO" leads another group, 22.
 * Staff roles (team leader, shopkeeper, committee) are tested on their own, as the staff logins
 * with no member row that a new village starts with; the town admin belongs to no village.
 */
import { describe, expect, it } from 'vitest';
import type { Role, Viewer } from '$lib/server/auth/viewer';
import {
	ACTIONS,
	decide,
	isPublicAction,
	type Action,
	type Decision,
	type Target
} from '$lib/server/permissions';

const A = 1;
const B = 2;

const villager = (roles: Role[], ledGroupIds: number[] = []): Viewer => ({
	userId: 1,
	name: '村民',
	phone: '17000000001',
	villageId: A,
	memberId: 101,
	householdId: 11,
	isTownAdmin: false,
	roles,
	ledGroupIds
});
const staff = (role: Role): Viewer => ({
	userId: 2,
	name: '工作人员',
	phone: '17000000002',
	villageId: A,
	memberId: null,
	householdId: null,
	isTownAdmin: false,
	roles: [role],
	ledGroupIds: []
});

/** The columns of the table, in order. */
const VIEWERS = {
	vil: villager(['villager']),
	head: villager(['villager', 'household_head']),
	glT: villager(['villager', 'group_leader'], [21]),
	glO: villager(['villager', 'group_leader'], [22]),
	team: staff('team_leader'),
	shop: staff('shopkeeper'),
	com: staff('committee'),
	town: {
		userId: 3,
		name: '镇管理员',
		phone: '13800000000',
		villageId: null,
		memberId: null,
		householdId: null,
		isTownAdmin: true,
		roles: ['town_admin'],
		ledGroupIds: []
	} satisfies Viewer,
	anon: null
} as const;
type ViewerName = keyof typeof VIEWERS;
const COLUMNS = Object.keys(VIEWERS) as ViewerName[];

/** The things acted on, in village `v`. */
const targets = (v: number) =>
	({
		town: { kind: 'town' },
		village: { kind: 'village', villageId: v },
		ownHousehold: { kind: 'household', villageId: v, householdId: 11, tenGroupId: 20 },
		neighbourHousehold: { kind: 'household', villageId: v, householdId: 12, tenGroupId: 21 },
		self: {
			kind: 'member',
			villageId: v,
			memberId: 101,
			householdId: 11,
			tenGroupId: 20,
			proxyConsent: true
		},
		housemate: {
			kind: 'member',
			villageId: v,
			memberId: 102,
			householdId: 11,
			tenGroupId: 20,
			proxyConsent: true
		},
		neighbour: {
			kind: 'member',
			villageId: v,
			memberId: 201,
			householdId: 12,
			tenGroupId: 21,
			proxyConsent: true
		},
		neighbourNoConsent: {
			kind: 'member',
			villageId: v,
			memberId: 202,
			householdId: 12,
			tenGroupId: 21,
			proxyConsent: false
		},
		neighbourGroup: { kind: 'group', villageId: v, groupId: 21 },
		// The same members as the household's head or allowed by the head (shop:order).
		selfActor: {
			kind: 'member',
			villageId: v,
			memberId: 101,
			householdId: 11,
			tenGroupId: 20,
			proxyConsent: true,
			actsForHousehold: true
		},
		housemateActor: {
			kind: 'member',
			villageId: v,
			memberId: 102,
			householdId: 11,
			tenGroupId: 20,
			proxyConsent: true,
			actsForHousehold: true
		},
		neighbourActor: {
			kind: 'member',
			villageId: v,
			memberId: 201,
			householdId: 12,
			tenGroupId: 21,
			proxyConsent: true,
			actsForHousehold: true
		},
		committeeEvent: {
			kind: 'event',
			villageId: v,
			eventId: 31,
			organiser: 'committee',
			teamId: null
		},
		teamEvent: { kind: 'event', villageId: v, eventId: 32, organiser: 'team', teamId: 41 },
		// Volunteer teams: one the villager (member 101) is on, one they are not.
		joinedTeam: {
			kind: 'team',
			villageId: v,
			teamId: 41,
			leaderMemberIds: [999],
			memberIds: [101, 999]
		},
		otherTeam: { kind: 'team', villageId: v, teamId: 42, leaderMemberIds: [999], memberIds: [999] },
		// Care visits: the villager (member 101) on a 巡访关爱 team, or not.
		careVisitor: { kind: 'care', villageId: v, visitorMemberIds: [101, 999] },
		careOther: { kind: 'care', villageId: v, visitorMemberIds: [999] }
	}) satisfies Record<string, Target>;
type TargetName = keyof ReturnType<typeof targets>;

const Y: Decision = 'allow';
const F: Decision = 'forbidden';
const N: Decision = 'not_found';
const U: Decision = 'unauthenticated';

type Row = [Action, TargetName, Decision[]];

/** Targets in the viewer's own village (A). */
// prettier-ignore
const OWN_VILLAGE: Row[] = [
	//                                                     vil head glT glO team shop com town anon
	['village:create',       'town',               [F,  F,  F,  F,  F,   F,   F,  Y,   U]],
	['village:list_all',     'town',               [F,  F,  F,  F,  F,   F,   F,  Y,   U]],
	['village:view',         'village',            [Y,  Y,  Y,  Y,  Y,   Y,   Y,  Y,   U]],
	['village:edit_settings','village',            [F,  F,  F,  F,  F,   F,   Y,  Y,   U]],
	['people:manage',        'village',            [F,  F,  F,  F,  F,   F,   Y,  F,   U]],
	['people:import',        'village',            [F,  F,  F,  F,  F,   F,   Y,  F,   U]],
	['people:export',        'village',            [F,  F,  F,  F,  F,   F,   Y,  F,   U]],
	['people:directory',     'village',            [F,  F,  Y,  Y,  Y,   Y,   Y,  F,   U]],
	['accounts:manage',      'village',            [F,  F,  F,  F,  F,   F,   Y,  F,   U]],
	['roles:assign',         'village',            [F,  F,  F,  F,  F,   F,   Y,  F,   U]],
	['household:view',       'ownHousehold',       [Y,  Y,  Y,  Y,  F,   Y,   Y,  F,   U]],
	['household:view',       'neighbourHousehold', [F,  F,  Y,  F,  F,   Y,   Y,  F,   U]],
	['household:set_actors', 'ownHousehold',       [F,  Y,  F,  F,  F,   F,   F,  F,   U]],
	['household:set_actors', 'neighbourHousehold', [F,  F,  F,  F,  F,   F,   F,  F,   U]],
	['member:view_private',  'self',               [Y,  Y,  Y,  Y,  F,   F,   Y,  F,   U]],
	['member:view_private',  'housemate',          [F,  F,  F,  F,  F,   F,   Y,  F,   U]],
	['member:view_private',  'neighbour',          [F,  F,  F,  F,  F,   F,   Y,  F,   U]],
	['member:set_proxy_consent', 'self',           [Y,  Y,  Y,  Y,  F,   F,   Y,  F,   U]],
	['member:set_proxy_consent', 'housemate',      [F,  F,  F,  F,  F,   F,   Y,  F,   U]],
	['member:set_proxy_consent', 'neighbour',      [F,  F,  F,  F,  F,   F,   Y,  F,   U]],
	['member:act_for',       'self',               [F,  F,  F,  F,  F,   F,   F,  F,   U]],
	['member:act_for',       'housemate',          [Y,  Y,  Y,  Y,  F,   F,   F,  F,   U]],
	['member:act_for',       'neighbour',          [F,  F,  Y,  F,  F,   F,   F,  F,   U]],
	['member:act_for',       'neighbourNoConsent', [F,  F,  F,  F,  F,   F,   F,  F,   U]],
	['group:view',           'neighbourGroup',     [F,  F,  Y,  F,  F,   F,   Y,  F,   U]],
	['room:village',         'village',            [Y,  Y,  Y,  Y,  Y,   Y,   Y,  Y,   Y]],
	['room:household',       'ownHousehold',       [Y,  Y,  Y,  Y,  F,   F,   F,  F,   U]],
	['room:household',       'neighbourHousehold', [F,  F,  F,  F,  F,   F,   F,  F,   U]],
	['room:staff',           'village',            [F,  F,  F,  F,  F,   Y,   Y,  F,   U]],
	['rules:manage',         'village',            [F,  F,  F,  F,  F,   F,   Y,  F,   U]],
	['ledger:view_household','ownHousehold',       [Y,  Y,  Y,  Y,  F,   F,   Y,  F,   U]],
	['ledger:view_household','neighbourHousehold', [F,  F,  Y,  F,  F,   F,   Y,  F,   U]],
	['ledger:view_village',  'village',            [F,  F,  F,  F,  F,   F,   Y,  F,   U]],
	['ledger:correct',       'ownHousehold',       [F,  F,  F,  F,  F,   F,   Y,  F,   U]],
	['ledger:correct',       'neighbourHousehold', [F,  F,  F,  F,  F,   F,   Y,  F,   U]],
	['ledger:verify',        'village',            [F,  F,  F,  F,  F,   F,   Y,  Y,   U]],
	['slips:report',         'ownHousehold',       [Y,  Y,  Y,  Y,  Y,   F,   Y,  F,   U]],
	['slips:report',         'neighbourHousehold', [F,  F,  Y,  F,  Y,   F,   Y,  F,   U]],
	['slips:check',          'ownHousehold',       [F,  F,  F,  F,  F,   F,   F,  F,   U]],
	['slips:check',          'neighbourHousehold', [F,  F,  Y,  F,  F,   F,   F,  F,   U]],
	['slips:review',         'ownHousehold',       [F,  F,  F,  F,  F,   F,   Y,  F,   U]],
	['slips:review',         'neighbourHousehold', [F,  F,  F,  F,  F,   F,   Y,  F,   U]],
	['slips:inspect',        'village',            [F,  F,  F,  F,  F,   F,   Y,  F,   U]],
	['slips:report_helped',  'neighbourHousehold', [Y,  Y,  Y,  Y,  F,   F,   F,  F,   U]],
	['slips:object',         'village',            [Y,  Y,  Y,  Y,  F,   F,   F,  F,   U]],
	['slips:resolve_objection','village',          [F,  F,  F,  F,  F,   F,   Y,  F,   U]],
	['slips:view_photo',     'ownHousehold',       [Y,  Y,  Y,  Y,  F,   F,   Y,  F,   U]],
	['slips:view_photo',     'neighbourHousehold', [F,  F,  Y,  F,  F,   F,   Y,  F,   U]],
	['honour:view',          'village',            [Y,  Y,  Y,  Y,  Y,   Y,   Y,  Y,   Y]],
	['plaque:view',          'neighbourHousehold', [Y,  Y,  Y,  Y,  Y,   Y,   Y,  Y,   Y]],
	['plaque:print',         'village',            [F,  F,  F,  F,  F,   F,   Y,  F,   U]],
	['shop:view_catalog',    'village',            [Y,  Y,  Y,  Y,  Y,   Y,   Y,  Y,   Y]],
	['shop:view_donations',  'village',            [Y,  Y,  Y,  Y,  Y,   Y,   Y,  Y,   Y]],
	['shop:manage_catalog',  'village',            [F,  F,  F,  F,  F,   Y,   Y,  F,   U]],
	['shop:record_stock',    'village',            [F,  F,  F,  F,  F,   Y,   Y,  F,   U]],
	['shop:confirm_stocktake','village',           [F,  F,  F,  F,  F,   F,   Y,  F,   U]],
	['shop:order',           'self',               [F,  F,  F,  F,  F,   F,   F,  F,   U]],
	['shop:order',           'selfActor',          [Y,  Y,  Y,  Y,  F,   F,   F,  F,   U]],
	['shop:order',           'housemate',          [F,  F,  F,  F,  F,   F,   F,  F,   U]],
	['shop:order',           'housemateActor',     [Y,  Y,  Y,  Y,  F,   F,   F,  F,   U]],
	['shop:order',           'neighbourActor',     [F,  F,  Y,  F,  F,   F,   F,  F,   U]],
	['shop:order',           'ownHousehold',       [F,  F,  F,  F,  F,   F,   F,  F,   U]],
	['shop:view_orders',     'ownHousehold',       [Y,  Y,  Y,  Y,  F,   Y,   Y,  F,   U]],
	['shop:view_orders',     'neighbourHousehold', [F,  F,  Y,  F,  F,   Y,   Y,  F,   U]],
	['shop:hand_over',       'village',            [F,  F,  F,  F,  F,   Y,   Y,  F,   U]],
	['shop:cancel_order',    'selfActor',          [Y,  Y,  Y,  Y,  F,   Y,   Y,  F,   U]],
	['shop:cancel_order',    'self',               [F,  F,  F,  F,  F,   Y,   Y,  F,   U]],
	['shop:cancel_order',    'neighbourHousehold', [F,  F,  F,  F,  F,   Y,   Y,  F,   U]],
	['polls:manage',         'village',            [F,  F,  F,  F,  F,   F,   Y,  F,   U]],
	['polls:vote',           'self',               [F,  F,  F,  F,  F,   F,   F,  F,   U]],
	['polls:vote',           'selfActor',          [Y,  Y,  Y,  Y,  F,   F,   F,  F,   U]],
	['polls:vote',           'housemateActor',     [Y,  Y,  Y,  Y,  F,   F,   F,  F,   U]],
	['polls:vote',           'neighbourActor',     [F,  F,  Y,  F,  F,   F,   F,  F,   U]],
	['polls:view_results',   'village',            [Y,  Y,  Y,  Y,  Y,   Y,   Y,  Y,   Y]],
	['events:view',          'committeeEvent',     [Y,  Y,  Y,  Y,  Y,   Y,   Y,  Y,   Y]],
	['events:create',        'village',            [F,  F,  F,  F,  Y,   F,   Y,  F,   U]],
	['events:organise',      'committeeEvent',     [F,  F,  F,  F,  F,   F,   Y,  F,   U]],
	['events:organise',      'teamEvent',          [F,  F,  F,  F,  Y,   F,   Y,  F,   U]],
	['events:signup',        'self',               [Y,  Y,  Y,  Y,  F,   F,   F,  F,   U]],
	['events:signup',        'housemate',          [Y,  Y,  Y,  Y,  F,   F,   F,  F,   U]],
	['events:signup',        'neighbour',          [F,  F,  Y,  F,  F,   F,   F,  F,   U]],
	['events:signup',        'neighbourNoConsent', [F,  F,  F,  F,  F,   F,   F,  F,   U]],
	['events:check_in',      'self',               [Y,  Y,  Y,  Y,  F,   F,   F,  F,   U]],
	['events:check_in',      'neighbour',          [F,  F,  Y,  F,  F,   F,   F,  F,   U]],
	['events:print_cards',   'village',            [F,  F,  F,  F,  F,   F,   Y,  F,   U]],
	['events:settings',      'village',            [F,  F,  F,  F,  F,   F,   Y,  F,   U]],
	['room:event',           'committeeEvent',     [Y,  Y,  Y,  Y,  Y,   Y,   Y,  Y,   Y]],
	['shop:view_report',    'village',            [F,  F,  F,  F,  F,   Y,   Y,  F,   U]],
	['teams:view_public',    'village',            [Y,  Y,  Y,  Y,  Y,   Y,   Y,  Y,   Y]],
	['teams:manage',         'village',            [F,  F,  F,  F,  F,   F,   Y,  F,   U]],
	['teams:lead',           'joinedTeam',         [F,  F,  F,  F,  F,   F,   Y,  F,   U]],
	['teams:enrol',          'self',               [Y,  Y,  Y,  Y,  F,   F,   F,  F,   U]],
	['teams:enrol',          'neighbour',          [F,  F,  Y,  F,  F,   F,   F,  F,   U]],
	['teams:view_records',   'self',               [Y,  Y,  Y,  Y,  F,   F,   Y,  F,   U]],
	['teams:view_records',   'neighbour',          [F,  F,  Y,  F,  F,   F,   Y,  F,   U]],
	['teams:dispute',        'self',               [Y,  Y,  Y,  Y,  F,   F,   F,  F,   U]],
	['teams:certificate',    'self',               [Y,  Y,  Y,  Y,  F,   F,   Y,  F,   U]],
	['room:team',            'joinedTeam',         [Y,  Y,  Y,  Y,  F,   F,   Y,  F,   U]],
	['room:team',            'otherTeam',          [F,  F,  F,  F,  F,   F,   Y,  F,   U]],
	['care:view',            'careVisitor',        [Y,  Y,  Y,  Y,  F,   F,   Y,  F,   U]],
	['care:view',            'careOther',          [F,  F,  F,  F,  F,   F,   Y,  F,   U]],
	['care:record',          'careVisitor',        [Y,  Y,  Y,  Y,  F,   F,   Y,  F,   U]],
	['care:record',          'careOther',          [F,  F,  F,  F,  F,   F,   Y,  F,   U]],
	['care:manage',          'careVisitor',        [F,  F,  F,  F,  F,   F,   Y,  F,   U]]
];

/**
 * The same targets in another village (B): nobody but the town admin learns they exist, whatever
 * their role. (The town-level actions have no village and are covered above.)
 */
// prettier-ignore
const OTHER_VILLAGE: Row[] = [
	//                                                     vil head glT glO team shop com town anon
	['village:view',         'village',            [N,  N,  N,  N,  N,   N,   N,  Y,   U]],
	['village:edit_settings','village',            [N,  N,  N,  N,  N,   N,   N,  Y,   U]],
	['people:manage',        'village',            [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['people:import',        'village',            [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['people:export',        'village',            [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['people:directory',     'village',            [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['accounts:manage',      'village',            [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['roles:assign',         'village',            [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['household:view',       'ownHousehold',       [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['household:view',       'neighbourHousehold', [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['household:set_actors', 'ownHousehold',       [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['household:set_actors', 'neighbourHousehold', [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['member:view_private',  'self',               [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['member:view_private',  'housemate',          [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['member:view_private',  'neighbour',          [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['member:set_proxy_consent', 'self',           [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['member:set_proxy_consent', 'neighbour',      [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['member:act_for',       'self',               [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['member:act_for',       'housemate',          [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['member:act_for',       'neighbour',          [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['member:act_for',       'neighbourNoConsent', [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['group:view',           'neighbourGroup',     [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	// Public by design (masked, nothing private): the one exception to isolation.
	['room:village',         'village',            [Y,  Y,  Y,  Y,  Y,   Y,   Y,  Y,   Y]],
	['room:household',       'ownHousehold',       [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['room:household',       'neighbourHousehold', [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['room:staff',           'village',            [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['rules:manage',         'village',            [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['ledger:view_household','ownHousehold',       [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['ledger:view_household','neighbourHousehold', [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['ledger:view_village',  'village',            [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['ledger:correct',       'ownHousehold',       [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['ledger:correct',       'neighbourHousehold', [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['ledger:verify',        'village',            [N,  N,  N,  N,  N,   N,   N,  Y,   U]],
	['slips:report',         'ownHousehold',       [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['slips:report',         'neighbourHousehold', [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['slips:check',          'neighbourHousehold', [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['slips:review',         'neighbourHousehold', [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['slips:inspect',        'village',            [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['slips:report_helped',  'neighbourHousehold', [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['slips:object',         'village',            [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['slips:resolve_objection','village',          [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['slips:view_photo',     'neighbourHousehold', [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['honour:view',          'village',            [Y,  Y,  Y,  Y,  Y,   Y,   Y,  Y,   Y]],
	['plaque:view',          'neighbourHousehold', [Y,  Y,  Y,  Y,  Y,   Y,   Y,  Y,   Y]],
	['plaque:print',         'village',            [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['shop:view_catalog',    'village',            [Y,  Y,  Y,  Y,  Y,   Y,   Y,  Y,   Y]],
	['shop:view_donations',  'village',            [Y,  Y,  Y,  Y,  Y,   Y,   Y,  Y,   Y]],
	['shop:manage_catalog',  'village',            [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['shop:record_stock',    'village',            [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['shop:confirm_stocktake','village',           [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['shop:order',           'selfActor',          [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['shop:order',           'neighbourActor',     [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['shop:view_orders',     'ownHousehold',       [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['shop:hand_over',       'village',            [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['shop:cancel_order',    'selfActor',          [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['shop:cancel_order',    'neighbourHousehold', [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['polls:manage',         'village',            [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['polls:vote',           'selfActor',          [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['polls:view_results',   'village',            [Y,  Y,  Y,  Y,  Y,   Y,   Y,  Y,   Y]],
	['events:view',          'committeeEvent',     [Y,  Y,  Y,  Y,  Y,   Y,   Y,  Y,   Y]],
	['events:create',        'village',            [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['events:organise',      'committeeEvent',     [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['events:organise',      'teamEvent',          [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['events:signup',        'self',               [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['events:check_in',      'self',               [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['events:print_cards',   'village',            [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['events:settings',      'village',            [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['room:event',           'committeeEvent',     [Y,  Y,  Y,  Y,  Y,   Y,   Y,  Y,   Y]],
	['shop:view_report',    'village',            [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['teams:view_public',    'village',            [Y,  Y,  Y,  Y,  Y,   Y,   Y,  Y,   Y]],
	['teams:manage',         'village',            [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['teams:lead',           'joinedTeam',         [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['teams:enrol',          'self',               [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['teams:view_records',   'self',               [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['teams:dispute',        'self',               [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['teams:certificate',    'self',               [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['room:team',            'joinedTeam',         [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['care:view',            'careVisitor',        [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['care:record',          'careVisitor',        [N,  N,  N,  N,  N,   N,   N,  F,   U]],
	['care:manage',          'careVisitor',        [N,  N,  N,  N,  N,   N,   N,  F,   U]]
];

/** One case per cell: "glT × group:view @ neighbourGroup → allow". */
const cells = (rows: Row[], village: number) =>
	rows.flatMap(([action, targetName, decisions]) =>
		COLUMNS.map((who, i) => ({
			who,
			action,
			targetName,
			target: targets(village)[targetName],
			expected: decisions[i]!
		}))
	);

describe('permissions: role × action in the viewer’s own village', () => {
	it('covers every action, with one decision per viewer in every row', () => {
		expect(new Set(OWN_VILLAGE.map(([action]) => action))).toEqual(new Set(ACTIONS));
		for (const [, , decisions] of [...OWN_VILLAGE, ...OTHER_VILLAGE]) {
			expect(decisions).toHaveLength(COLUMNS.length);
		}
	});

	it.each(cells(OWN_VILLAGE, A))(
		'$who × $action @ $targetName → $expected',
		({ who, action, target, expected }) => {
			expect(decide(VIEWERS[who], action, target)).toBe(expected);
		}
	);
});

describe('permissions: the same targets in another village', () => {
	it('covers every action that has a village', () => {
		const villageActions = OWN_VILLAGE.filter(([, t]) => t !== 'town').map(([a]) => a);
		expect(new Set(OTHER_VILLAGE.map(([action]) => action))).toEqual(new Set(villageActions));
	});

	it('is not_found for every village role, whatever the action (public actions aside)', () => {
		for (const { who, action, expected } of cells(OTHER_VILLAGE, B)) {
			if (who !== 'town' && who !== 'anon' && !isPublicAction(action)) {
				expect(expected).toBe('not_found');
			}
		}
	});

	it.each(cells(OTHER_VILLAGE, B))(
		'$who × $action @ $targetName (village B) → $expected',
		({ who, action, target, expected }) => {
			expect(decide(VIEWERS[who], action, target)).toBe(expected);
		}
	);
});
