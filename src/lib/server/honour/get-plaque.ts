import { and, eq } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { households } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { can } from '$lib/server/permissions';
import { periodBounds } from './period';
import type { Plaque } from './schemas';
import { periodStandings, publicVillage, rank } from './standings';

/** Households ranked this high this year are "top" on their plaque. */
export const PLAQUE_TOP = 10;

/** Tokens are 16 base32 characters (20 hex for households made before plaques). */
const TOKEN = /^[a-z0-9]{8,40}$/;

/**
 * The public page behind a door plaque's QR code (/plaque/<token>, no login): the village, the
 * household's 户号 (it is on the plaque on the door anyway), the head's masked name, the group,
 * and this year's standing. The rank is shown only where the village shows rankings. An unknown
 * token, or a household or village no longer active, is not found.
 */
export function getPlaque(viewer: Viewer | null, token: string, now: Date = new Date()): Plaque {
	if (!TOKEN.test(token)) throw new DomainError('not_found');
	const row = db
		.select({
			id: households.id,
			villageId: households.villageId,
			tenGroupId: households.tenGroupId
		})
		.from(households)
		.where(and(eq(households.plaqueToken, token), eq(households.active, true)))
		.get();
	if (!row) throw new DomainError('not_found');
	const target = {
		kind: 'household',
		villageId: row.villageId,
		householdId: row.id,
		tenGroupId: row.tenGroupId
	} as const;
	if (!can(viewer, 'plaque:view', target)) throw new DomainError('not_found');
	const village = publicVillage({ id: row.villageId });
	const bounds = periodBounds('year', now);
	const standings = periodStandings(village.id, bounds);
	const own = standings.find((s) => s.householdId === row.id);
	if (!own) throw new DomainError('not_found');
	const place = village.showRankings
		? (rank(
				standings.filter((s) => s.points > 0),
				() => 0
			).find((s) => s.householdId === row.id)?.rank ?? null)
		: null;
	return {
		village: { id: village.id, name: village.name, code: village.code, town: village.town },
		household: { number: own.number, name: own.name, group: own.groupName },
		year: bounds.label,
		points: own.points,
		rank: place,
		standing: place !== null && place <= PLAQUE_TOP ? 'top' : own.points > 0 ? 'good' : 'welcome'
	};
}
