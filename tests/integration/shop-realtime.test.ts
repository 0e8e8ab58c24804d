/**
 * The shop's live updates over real sockets: the shopkeeper's staff room hears of new orders
 * and closed ones (only its own village's), the household's room of its order ready, handed
 * over, cancelled; a household can't listen to the shop's room.
 */
import { describe, expect, it } from 'vitest';
import { cancelOrder } from '$lib/server/shop/cancel-order';
import { handOverOrder } from '$lib/server/shop/hand-over-order';
import { placeOrder } from '$lib/server/shop/place-order';
import { expectLedgerInvariants } from './ledger-helpers';
import { join, sessionCookie, until, useRealtimeServer } from './realtime-helpers';
import { expectStockInvariants, makeShopWorld } from './shop-helpers';

const { connect } = useRealtimeServer({
	afterEachTest: () => {
		expectLedgerInvariants();
		expectStockInvariants();
	}
});

describe('live shop news', () => {
	it('reaches the shop and the household, and no other village’s shop', async () => {
		const w = makeShopWorld();
		const other = makeShopWorld();
		const oil = w.item('花生油', 800, 5);
		const home = w.homes[0]!;
		const shop = await connect(sessionCookie(w.shopkeeper.userId));
		const otherShop = await connect(sessionCookie(other.shopkeeper.userId));
		const household = await connect(sessionCookie(home.viewer.userId));
		expect((await join(shop.socket, `staff:${w.village.id}`)).ok).toBe(true);
		expect((await join(otherShop.socket, `staff:${other.village.id}`)).ok).toBe(true);
		expect((await join(otherShop.socket, `staff:${w.village.id}`)).ok).toBe(false);
		expect((await join(household.socket, `household:${home.household.id}`)).ok).toBe(true);
		expect((await join(household.socket, `staff:${w.village.id}`)).ok).toBe(false);

		const first = placeOrder(home.viewer, { lines: [{ itemId: oil.id, quantity: 1 }] });
		await until(() => shop.feed.length === 1 && household.feed.length === 1);
		expect(shop.feed[0]).toMatchObject({
			type: 'order_placed',
			payload: { orderId: first.id, number: home.household.number, points: 800, pieces: 1 }
		});
		// The shop's room never carries the pickup code: the villager shows it at the counter.
		expect(JSON.stringify(shop.feed)).not.toContain(first.pickupCode!);
		expect(household.feed[0]).toMatchObject({
			type: 'order_ready',
			payload: { orderId: first.id, pickupCode: first.pickupCode, points: 800 }
		});

		handOverOrder(w.shopkeeper, { code: first.pickupCode! });
		const second = placeOrder(home.viewer, { lines: [{ itemId: oil.id, quantity: 1 }] });
		cancelOrder(home.viewer, second.id);
		await until(() => shop.feed.length === 4 && household.feed.length === 4);
		expect(shop.feed.map((i) => [i.type, i.payload])).toEqual([
			['order_placed', expect.anything()],
			['order_closed', { orderId: first.id, outcome: 'handed_over' }],
			['order_placed', expect.objectContaining({ orderId: second.id })],
			['order_closed', { orderId: second.id, outcome: 'cancelled' }]
		]);
		expect(household.feed.map((i) => i.type)).toEqual([
			'order_ready',
			'order_handed_over',
			'order_ready',
			'order_cancelled'
		]);
		await new Promise((r) => setTimeout(r, 50));
		expect(otherShop.feed).toEqual([]);
	});
});
