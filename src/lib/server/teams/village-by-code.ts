import { and, eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { villages } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';

/** An active village by its public code (public pages choose the village this way). */
export function loadVillageByCode(code: string): { id: number; name: string; code: string } {
	const village = db
		.select({ id: villages.id, name: villages.name, code: villages.code })
		.from(villages)
		.where(and(eq(villages.code, code), eq(villages.active, true)))
		.get();
	if (!village) throw new DomainError('not_found');
	return village;
}
