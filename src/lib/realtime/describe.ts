import * as m from '$lib/paraglide/messages';
import type { FeedItem } from './events';
import { villageClock } from '$lib/polls/time';

const ROLE_LABELS = {
	committee: m.role_committee,
	shopkeeper: m.role_shopkeeper,
	team_leader: m.role_team_leader
};

/** One feed item as a sentence in the user's language (rows store data, not text). */
export function describeFeedItem(item: FeedItem): string {
	switch (item.type) {
		case 'household_joined':
			return item.payload.headName
				? m.realtime_household_joined_head({
						number: item.payload.number,
						name: item.payload.headName
					})
				: m.realtime_household_joined({ number: item.payload.number });
		case 'household_actor_changed':
			return item.payload.allowed
				? m.realtime_actor_allowed({ name: item.payload.memberName })
				: m.realtime_actor_revoked({ name: item.payload.memberName });
		case 'role_granted':
			return m.realtime_role_granted({
				name: item.payload.name,
				role: ROLE_LABELS[item.payload.role]()
			});
		case 'slip_posted':
			return m.realtime_slip_posted({
				name: item.payload.memberName,
				rule: item.payload.rule,
				points: item.payload.points
			});
		case 'points_credited':
			return m.realtime_points_credited({
				name: item.payload.memberName,
				rule: item.payload.rule,
				points: item.payload.points
			});
		case 'objection_raised':
			return m.realtime_objection_raised({
				name: item.payload.memberName,
				rule: item.payload.rule,
				points: item.payload.points
			});
		case 'objection_resolved':
			return item.payload.upheld
				? m.realtime_objection_upheld({ name: item.payload.memberName, rule: item.payload.rule })
				: m.realtime_objection_dismissed({
						name: item.payload.memberName,
						rule: item.payload.rule
					});
		case 'points_expiring':
			return m.realtime_points_expiring({
				points: item.payload.points,
				cutoff: item.payload.cutoff
			});
		case 'points_expired':
			return m.realtime_points_expired({ points: item.payload.points });
		case 'rules_published':
			return m.realtime_rules_published({
				version: item.payload.version,
				adoptedBy: item.payload.adoptedBy
			});
		case 'order_placed':
			return m.realtime_order_placed({
				number: item.payload.number,
				points: item.payload.points,
				pieces: item.payload.pieces
			});
		case 'order_closed':
			return item.payload.outcome === 'handed_over'
				? m.realtime_order_closed_handed_over({ id: item.payload.orderId })
				: m.realtime_order_closed_cancelled({ id: item.payload.orderId });
		case 'order_ready':
			return m.realtime_order_ready({
				code: item.payload.pickupCode,
				points: item.payload.points
			});
		case 'order_handed_over':
			return m.realtime_order_handed_over({ points: item.payload.points });
		case 'order_cancelled':
			return m.realtime_order_cancelled({ points: item.payload.points });
		case 'poll_opened':
			return m.realtime_poll_opened({
				title: item.payload.title,
				closesAt: villageClock(item.payload.closesAt)
			});
		case 'poll_closed':
			return m.realtime_poll_closed({
				title: item.payload.title,
				households: item.payload.households
			});
		case 'event_published':
			return m.realtime_event_published({
				title: item.payload.title,
				startsAt: villageClock(item.payload.startsAt)
			});
		case 'checked_in':
			return m.realtime_checked_in({
				name: item.payload.memberName,
				title: item.payload.title,
				count: item.payload.count
			});
		case 'event_attendance':
			return m.realtime_event_attendance({
				name: item.payload.memberName,
				count: item.payload.count
			});
		case 'event_signups_changed':
			return m.realtime_event_signups_changed({
				signedUp: item.payload.signedUp,
				waitlisted: item.payload.waitlisted
			});
		case 'signup_promoted':
			return m.realtime_signup_promoted({
				name: item.payload.memberName,
				title: item.payload.title
			});
		case 'star_level_announced':
			return m.realtime_star_level_announced({
				name: item.payload.memberName,
				level: item.payload.level,
				hours: item.payload.hours
			});
	}
}
