import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '$lib/server/db';
import { shopItems, stockMovements, type StockMovement } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import * as m from '$lib/paraglide/messages';

export type NewMovement = Omit<typeof stockMovements.$inferInsert, 'id' | 'createdAt'> & {
	at?: Date;
};

/**
 * The one way stock changes: appends the movement and moves the item's cached stock by the same
 * quantity, in the caller's transaction. Stock never goes below zero — checked here (so the
 * refusal names the item) and again by the table's CHECK.
 */
export function moveStock(tx: Tx, movement: NewMovement): StockMovement {
	const { at, ...values } = movement;
	const item = tx
		.update(shopItems)
		.set({ stock: sql`${shopItems.stock} + ${values.quantity}` })
		.where(
			and(
				eq(shopItems.id, values.itemId),
				eq(shopItems.villageId, values.villageId),
				sql`${shopItems.stock} + ${values.quantity} >= 0`
			)
		)
		.returning({ id: shopItems.id })
		.get();
	if (!item) {
		const row = tx.select().from(shopItems).where(eq(shopItems.id, values.itemId)).get();
		if (!row || row.villageId !== values.villageId) throw new DomainError('not_found');
		throw new DomainError('shop_out_of_stock', {
			message: m.shop_refused_stock({ item: row.name, stock: row.stock }),
			details: { itemId: row.id, stock: row.stock }
		});
	}
	return tx
		.insert(stockMovements)
		.values({ ...values, createdAt: at ?? new Date() })
		.returning()
		.get();
}
