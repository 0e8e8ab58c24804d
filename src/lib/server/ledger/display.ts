import type { EntryKind } from '$lib/server/db/schema';
import * as m from '$lib/paraglide/messages';
import type { EntryView } from './views';

/** How entries read on a statement, a passbook and in the spreadsheet — one place for all three. */

const parts = new Intl.DateTimeFormat('en-CA', {
	timeZone: 'Asia/Shanghai',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23'
});

/** "2026-04-01 08:00", village time (Asia/Shanghai) wherever the server runs. */
export function villageTime(iso: string): string {
	const p = Object.fromEntries(parts.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
	return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

export function kindLabel(kind: EntryKind): string {
	return {
		earn: m.points_kind_earn,
		deduct: m.points_kind_deduct,
		redeem: m.points_kind_redeem,
		refund: m.points_kind_refund,
		expire: m.points_kind_expire,
		correct: m.points_kind_correct
	}[kind]();
}

export function sourceLabel(source: { type: string; id: number }): string {
	const id = String(source.id);
	switch (source.type) {
		case 'slip':
			return m.points_source_slip({ id });
		case 'order':
			return m.points_source_order({ id });
		case 'service_record':
			return m.points_source_service_record({ id });
		case 'event':
			return m.points_source_event({ id });
		case 'entry':
			return m.points_source_entry({ id });
		case 'demo':
			return m.points_source_demo();
		case 'opening_balance':
			return m.points_source_opening_balance();
		case 'expiry':
			return m.points_source_expiry();
		default:
			return m.points_source_other({ type: source.type, id });
	}
}

/** "+10" / "-5": the sign always shown, as on a bank statement. */
export const signed = (points: number): string => (points > 0 ? `+${points}` : String(points));

export type DisplayRow = {
	id: number;
	at: string;
	kind: EntryKind;
	kindLabel: string;
	points: string;
	negative: boolean;
	balanceAfter: number;
	member: string;
	rule: string;
	source: string;
	note: string;
	actor: string;
	corrected: boolean;
};

export function displayRow(e: EntryView): DisplayRow {
	const actor = e.actorName ?? m.points_system();
	return {
		id: e.id,
		at: villageTime(e.at),
		kind: e.kind,
		kindLabel: kindLabel(e.kind),
		points: signed(e.points),
		negative: e.points < 0,
		balanceAfter: e.balanceAfter,
		member: e.memberName ?? m.points_whole_household(),
		rule: e.rule ? e.rule.name : '',
		source: sourceLabel(e.source),
		note: e.note ?? '',
		actor: e.onBehalfOfName ? m.points_actor_for({ actor, member: e.onBehalfOfName }) : actor,
		corrected: e.correctedByEntryId !== null
	};
}
