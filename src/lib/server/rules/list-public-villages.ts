import { asc, eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { villages } from '$lib/server/db/schema';

/** Active villages by name and code — public, for choosing whose rule book to read. */
export function listPublicVillages(): { name: string; code: string; town: string }[] {
	return db
		.select({ name: villages.name, code: villages.code, town: villages.town })
		.from(villages)
		.where(eq(villages.active, true))
		.orderBy(asc(villages.town), asc(villages.name))
		.all();
}
