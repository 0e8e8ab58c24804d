import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { households, members } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { can } from '$lib/server/permissions';

export type ReportableHousehold = {
	householdId: number;
	number: string;
	members: { id: number; name: string }[];
};

/**
 * The households (with their active members) the viewer may report a deed for, for the report
 * form: the committee and team leaders look one up by 户号; a 十户长 gets the households of their
 * groups; a villager their own household (or the one they act for, 代办).
 */
export function reportableHouseholds(
	viewer: Viewer | null,
	options: { householdNumber?: string | null; actingForHouseholdId?: number | null } = {}
): ReportableHousehold[] {
	if (!viewer) throw new DomainError('unauthenticated');
	const villageId = viewer.villageId;
	if (villageId === null) throw new DomainError('forbidden');
	const byNumber = options.householdNumber?.trim();
	let rows;
	if (byNumber) {
		rows = db
			.select()
			.from(households)
			.where(and(eq(households.villageId, villageId), eq(households.number, byNumber)))
			.all();
	} else {
		const ids = new Set<number>();
		if (options.actingForHouseholdId) ids.add(options.actingForHouseholdId);
		if (viewer.householdId !== null) ids.add(viewer.householdId);
		const own = ids.size
			? db
					.select()
					.from(households)
					.where(inArray(households.id, [...ids]))
					.all()
			: [];
		const grouped = viewer.ledGroupIds.length
			? db
					.select()
					.from(households)
					.where(inArray(households.tenGroupId, viewer.ledGroupIds))
					.orderBy(asc(households.number))
					.all()
			: [];
		rows = [...own, ...grouped.filter((h) => !ids.has(h.id))];
	}
	const allowed = rows.filter(
		(h) =>
			h.active &&
			can(viewer, 'slips:report', {
				kind: 'household',
				villageId: h.villageId,
				householdId: h.id,
				tenGroupId: h.tenGroupId
			})
	);
	if (allowed.length === 0) return [];
	const people = db
		.select({ id: members.id, name: members.name, householdId: members.householdId })
		.from(members)
		.where(
			and(
				inArray(
					members.householdId,
					allowed.map((h) => h.id)
				),
				eq(members.active, true)
			)
		)
		.orderBy(asc(members.id))
		.all();
	return allowed.map((h) => ({
		householdId: h.id,
		number: h.number,
		members: people.filter((p) => p.householdId === h.id).map(({ id, name }) => ({ id, name }))
	}));
}
