import { and, desc, eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { shopItems, stockMovements, villages } from '$lib/server/db/schema';
import type { Viewer } from '$lib/server/auth/viewer';
import { DomainError } from '$lib/server/errors';
import { can } from '$lib/server/permissions';
import type { Donations } from './views';

/**
 * A village's donations to its points supermarket, newest first: who gave what, when, and the
 * value when known. Public by design (a thank-you board): the donor is shown as recorded, and
 * the donation form says so. Nothing else of the stock book is public.
 */
export function listDonations(viewer: Viewer | null, villageCode: string, limit = 200): Donations {
	const village = db
		.select({ id: villages.id, name: villages.name, code: villages.code })
		.from(villages)
		.where(and(eq(villages.code, villageCode), eq(villages.active, true)))
		.get();
	if (!village || !can(viewer, 'shop:view_donations', { kind: 'village', villageId: village.id })) {
		throw new DomainError('not_found');
	}
	const rows = db
		.select({
			id: stockMovements.id,
			itemName: shopItems.name,
			quantity: stockMovements.quantity,
			donor: stockMovements.donor,
			fundingSource: stockMovements.fundingSource,
			valueYuan: stockMovements.valueYuan,
			createdAt: stockMovements.createdAt
		})
		.from(stockMovements)
		.innerJoin(shopItems, eq(shopItems.id, stockMovements.itemId))
		.where(and(eq(stockMovements.villageId, village.id), eq(stockMovements.kind, 'donation')))
		.orderBy(desc(stockMovements.createdAt), desc(stockMovements.id))
		.limit(limit)
		.all();
	return {
		village: { name: village.name, code: village.code },
		donations: rows.map((r) => ({
			...r,
			// The table's CHECK guarantees both for donations.
			donor: r.donor ?? '',
			fundingSource: r.fundingSource ?? '社会捐赠',
			createdAt: r.createdAt.toISOString()
		}))
	};
}
