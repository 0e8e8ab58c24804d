import { careTarget } from '$lib/server/care/care-target';
import { can } from '$lib/server/permissions';
import type { Viewer } from './viewer';
import * as m from '$lib/paraglide/messages';

/** Where each role lands after logging in, most responsible role first. */
export function homePath(viewer: Viewer): string {
	const r = viewer.roles;
	if (r.includes('town_admin')) return '/town';
	if (r.includes('committee')) return '/committee';
	if (r.includes('shopkeeper')) return '/shop';
	if (r.includes('team_leader')) return '/team';
	if (r.includes('group_leader')) return '/group';
	if (r.includes('villager')) return '/household';
	return '/account';
}

export type NavItem = { href: string; label: string };

/** The navigation a viewer sees, shaped by their roles. */
export function navFor(viewer: Viewer | null): NavItem[] {
	if (!viewer) return [{ href: '/login', label: m.nav_login() }];
	const r = viewer.roles;
	const items: NavItem[] = [];
	if (r.includes('town_admin')) items.push({ href: '/town', label: m.nav_town() });
	if (r.includes('committee')) {
		items.push(
			{ href: '/committee', label: m.nav_committee() },
			{ href: '/committee/households', label: m.nav_households() },
			{ href: '/committee/groups', label: m.nav_groups() },
			{ href: '/committee/slips', label: m.slips_nav_queue() },
			{ href: '/committee/rules', label: m.nav_rules() },
			{ href: '/committee/ledger', label: m.nav_ledger() },
			{ href: '/committee/accounts', label: m.nav_accounts() },
			{ href: '/committee/import', label: m.nav_import() },
			{ href: '/committee/settings', label: m.nav_settings() },
			{ href: '/committee/teams', label: m.teams_manage_title() }
		);
	}
	// The committee too: it manages the catalog and confirms stocktake differences there.
	if (r.includes('shopkeeper') || r.includes('committee')) {
		items.push({ href: '/shop', label: m.nav_shop() });
	}
	if (r.includes('team_leader')) items.push({ href: '/team', label: m.nav_team() });
	// The elders' worklist: the committee and every member of a 巡访关爱 team, leader or not
	// (membership isn't a role, so it is asked of the permission module).
	if (viewer.villageId !== null && can(viewer, 'care:view', careTarget(viewer.villageId))) {
		items.push({ href: '/care', label: m.care_worklist_title() });
	}
	if (r.includes('villager')) {
		items.push({ href: '/volunteer', label: m.teams_my_volunteering_link() });
	}
	if (r.includes('group_leader')) {
		items.push(
			{ href: '/group', label: m.nav_group_home() },
			{ href: '/group/slips', label: m.slips_nav_check() }
		);
	}
	if (r.includes('villager')) {
		items.push(
			{ href: '/household', label: m.nav_household() },
			{ href: '/household/statement', label: m.nav_statement() },
			{ href: '/shop/catalog', label: m.shop_nav_catalog() },
			{ href: '/polls', label: m.polls_nav() }
		);
	}
	if (r.some((role) => ['villager', 'group_leader', 'team_leader', 'committee'].includes(role))) {
		items.push({ href: '/slips/new', label: m.slips_nav_new() });
	}
	if (!r.includes('committee')) items.push({ href: '/rules', label: m.nav_rules() });
	if (viewer.villageId !== null) items.push({ href: '/notice', label: m.slips_nav_notice() });
	if (viewer.villageId !== null) items.push({ href: '/honour', label: m.honour_nav() });
	if (viewer.villageId !== null) items.push({ href: '/events', label: m.events_title() });
	items.push({ href: '/feed', label: m.nav_feed() });
	items.push({ href: '/account', label: m.nav_account() });
	return items;
}
