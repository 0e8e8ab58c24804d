import { and, asc, eq, gte, lt } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { villages } from '$lib/server/db/schema';
import { events } from '$lib/server/db/schema/events';
import { DomainError } from '$lib/server/errors';
import { can } from '$lib/server/permissions';
import { summarizeEvent } from './summarize-event';
import type { EventList } from './views';

const monthOf = new Intl.DateTimeFormat('en-CA', {
	timeZone: 'Asia/Shanghai',
	year: 'numeric',
	month: '2-digit'
});

/**
 * A village's events of one calendar month in village time (public, no login: nothing private
 * in an event). `month` "YYYY-MM", the current month by default.
 */
export function listEvents(villageCode: string, month?: string, now: Date = new Date()): EventList {
	const village = db
		.select({ id: villages.id, name: villages.name, code: villages.code })
		.from(villages)
		.where(and(eq(villages.code, villageCode), eq(villages.active, true)))
		.get();
	if (!village) throw new DomainError('not_found');
	if (!can(null, 'events:view', { kind: 'village', villageId: village.id })) {
		throw new DomainError('forbidden');
	}
	const ym = month ?? monthOf.format(now).slice(0, 7);
	const [y, mo] = ym.split('-').map(Number) as [number, number];
	const from = new Date(`${ym}-01T00:00:00+08:00`);
	const next = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
	const to = new Date(`${next}-01T00:00:00+08:00`);
	const rows = db
		.select()
		.from(events)
		.where(
			and(eq(events.villageId, village.id), gte(events.startsAt, from), lt(events.startsAt, to))
		)
		.orderBy(asc(events.startsAt), asc(events.id))
		.all();
	return { village, month: ym, events: rows.map((e) => summarizeEvent(db, e)) };
}
