import { and, eq, gte, inArray, lt, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import {
	households,
	ledgerEntries,
	members,
	shopItems,
	shopOrderLines,
	shopOrders,
	stockMovements,
	villages
} from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { parseInput } from '$lib/server/people/schemas';
import { authorize } from '$lib/server/permissions';
import { shanghaiMonth } from '../month';
import { ZReportQuery, type MonthlyReport } from './schemas';

/** The village-time month a "YYYY-MM" names: the 15th (UTC) lies inside it whatever the offset. */
function monthOf(label: string) {
	const [y, mo] = label.split('-').map(Number) as [number, number];
	return shanghaiMonth(new Date(Date.UTC(y, mo - 1, 15)));
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'zh-CN');

/**
 * The shop's monthly report for the committee and the shopkeeper: what was redeemed (orders
 * handed over in the month) by item and by household, the stock book of each item, the
 * donations, and the points owed to households against the points value of the shelf.
 * Month boundaries are village time (Asia/Shanghai), as for the monthly limits.
 */
export function getMonthlyReport(
	viewer: Viewer | null,
	villageId: number,
	raw: z.input<typeof ZReportQuery> = {},
	now: Date = new Date()
): MonthlyReport {
	const input = parseInput(ZReportQuery, raw);
	authorize(viewer, 'shop:view_report', { kind: 'village', villageId });
	const village = db
		.select({ id: villages.id, name: villages.name })
		.from(villages)
		.where(eq(villages.id, villageId))
		.get();
	if (!village) throw new DomainError('not_found');
	const { start, end, label } = input.month ? monthOf(input.month) : shanghaiMonth(now);
	// The current month is reported as it stands now (nothing is dated after now).
	const asOf = now < end ? now : end;

	// Redemptions: orders handed over in the month, at the prices they were ordered at.
	const handedOver = and(
		eq(shopOrders.villageId, villageId),
		eq(shopOrders.status, 'handed_over'),
		gte(shopOrders.handedOverAt, start),
		lt(shopOrders.handedOverAt, end)
	);
	const byItem = db
		.select({
			itemId: shopOrderLines.itemId,
			name: shopItems.name,
			category: shopItems.category,
			quantity: sql<number>`sum(${shopOrderLines.quantity})`,
			points: sql<number>`sum(${shopOrderLines.quantity} * ${shopOrderLines.unitPoints})`
		})
		.from(shopOrderLines)
		.innerJoin(shopOrders, eq(shopOrders.id, shopOrderLines.orderId))
		.innerJoin(shopItems, eq(shopItems.id, shopOrderLines.itemId))
		.where(handedOver)
		.groupBy(shopOrderLines.itemId)
		.all()
		.map((r) => ({ ...r, quantity: Number(r.quantity), points: Number(r.points) }))
		.sort((a, b) => b.points - a.points || byName(a, b));
	const unitsByHousehold = new Map(
		db
			.select({
				householdId: shopOrders.householdId,
				units: sql<number>`sum(${shopOrderLines.quantity})`
			})
			.from(shopOrderLines)
			.innerJoin(shopOrders, eq(shopOrders.id, shopOrderLines.orderId))
			.where(handedOver)
			.groupBy(shopOrders.householdId)
			.all()
			.map((r) => [r.householdId, Number(r.units)])
	);
	const byHousehold = db
		.select({
			householdId: shopOrders.householdId,
			number: households.number,
			headName: members.name,
			orders: sql<number>`count(*)`,
			points: sql<number>`sum(${shopOrders.totalPoints})`
		})
		.from(shopOrders)
		.innerJoin(households, eq(households.id, shopOrders.householdId))
		.leftJoin(members, eq(members.id, households.headMemberId))
		.where(handedOver)
		.groupBy(shopOrders.householdId)
		.all()
		.map((r) => ({
			householdId: r.householdId,
			number: r.number,
			headName: r.headName,
			orders: Number(r.orders),
			units: unitsByHousehold.get(r.householdId) ?? 0,
			points: Number(r.points)
		}))
		.sort((a, b) => a.number.localeCompare(b.number, 'zh-CN', { numeric: true }));

	// The stock book: every movement before the month's end, split at its start.
	const t0 = start.getTime();
	const sums = db
		.select({
			itemId: stockMovements.itemId,
			kind: stockMovements.kind,
			before: sql<number>`sum(case when ${stockMovements.createdAt} < ${t0} then ${stockMovements.quantity} else 0 end)`,
			during: sql<number>`sum(case when ${stockMovements.createdAt} >= ${t0} then ${stockMovements.quantity} else 0 end)`
		})
		.from(stockMovements)
		.where(and(eq(stockMovements.villageId, villageId), lt(stockMovements.createdAt, end)))
		.groupBy(stockMovements.itemId, stockMovements.kind)
		.all();
	const itemIds = [...new Set(sums.map((s) => s.itemId))];
	const items =
		itemIds.length === 0
			? []
			: db
					.select({
						id: shopItems.id,
						name: shopItems.name,
						active: shopItems.active,
						pointsPrice: shopItems.pointsPrice,
						sortOrder: shopItems.sortOrder
					})
					.from(shopItems)
					.where(inArray(shopItems.id, itemIds))
					.all()
					.sort(
						(a, b) => a.sortOrder - b.sortOrder || a.pointsPrice - b.pointsPrice || a.id - b.id
					);
	const stock = items
		.map((item) => {
			const mine = sums.filter((s) => s.itemId === item.id);
			const during = (kind: string) => Number(mine.find((s) => s.kind === kind)?.during ?? 0);
			const opening = mine.reduce((n, s) => n + Number(s.before), 0);
			const row = {
				itemId: item.id,
				name: item.name,
				active: item.active,
				pointsPrice: item.pointsPrice,
				opening,
				purchased: during('purchase'),
				donated: during('donation'),
				returned: during('return'),
				redeemed: -during('redemption'),
				corrected: during('stocktake'),
				closing: opening + mine.reduce((n, s) => n + Number(s.during), 0)
			};
			return { ...row, closingPoints: row.closing * item.pointsPrice };
		})
		// An item with nothing on the shelf and nothing moved in the month has nothing to report.
		.filter(
			(r) =>
				r.opening !== 0 ||
				r.closing !== 0 ||
				r.purchased + r.donated + r.returned + r.redeemed !== 0 ||
				r.corrected !== 0
		);

	const donationList = db
		.select({
			id: stockMovements.id,
			createdAt: stockMovements.createdAt,
			donor: stockMovements.donor,
			fundingSource: stockMovements.fundingSource,
			itemName: shopItems.name,
			quantity: stockMovements.quantity,
			valueYuan: stockMovements.valueYuan
		})
		.from(stockMovements)
		.innerJoin(shopItems, eq(shopItems.id, stockMovements.itemId))
		.where(
			and(
				eq(stockMovements.villageId, villageId),
				eq(stockMovements.kind, 'donation'),
				gte(stockMovements.createdAt, start),
				lt(stockMovements.createdAt, end)
			)
		)
		.orderBy(stockMovements.createdAt, stockMovements.id)
		.all()
		.map((d) => ({
			...d,
			createdAt: d.createdAt.toISOString(),
			// The table's CHECK guarantees both for donations.
			donor: d.donor ?? '',
			fundingSource: d.fundingSource ?? '社会捐赠'
		}));

	// The liability at the month's end: the ledger up to then, and the orders open at that moment
	// (placed before it, and not yet handed over or cancelled by then).
	const perHousehold = db
		.select({ points: sql<number>`sum(${ledgerEntries.points})` })
		.from(ledgerEntries)
		.where(and(eq(ledgerEntries.villageId, villageId), lt(ledgerEntries.createdAt, end)))
		.groupBy(ledgerEntries.householdId)
		.all()
		.map((r) => Number(r.points));
	const balance = perHousehold.reduce((n, p) => n + p, 0);
	const reserved = Number(
		db
			.select({ n: sql<number>`coalesce(sum(${shopOrders.totalPoints}), 0)` })
			.from(shopOrders)
			.where(
				and(
					eq(shopOrders.villageId, villageId),
					lt(shopOrders.createdAt, end),
					or(
						eq(shopOrders.status, 'reserved'),
						and(eq(shopOrders.status, 'handed_over'), gte(shopOrders.handedOverAt, end)),
						and(eq(shopOrders.status, 'cancelled'), gte(shopOrders.cancelledAt, end))
					)
				)
			)
			.get()?.n ?? 0
	);
	const unreserved = balance - reserved;
	const stockPoints = stock.reduce((n, r) => n + r.closingPoints, 0);

	return {
		village,
		month: label,
		start: start.toISOString(),
		end: end.toISOString(),
		redemptions: {
			orders: byHousehold.reduce((n, h) => n + h.orders, 0),
			units: byItem.reduce((n, i) => n + i.quantity, 0),
			points: byItem.reduce((n, i) => n + i.points, 0),
			byItem,
			byHousehold
		},
		stock,
		donations: {
			units: donationList.reduce((n, d) => n + d.quantity, 0),
			valueYuan: donationList.reduce((n, d) => n + (d.valueYuan ?? 0), 0),
			list: donationList
		},
		liability: {
			asOf: asOf.toISOString(),
			households: perHousehold.filter((p) => p > 0).length,
			balance,
			reserved,
			unreserved,
			stockUnits: stock.reduce((n, r) => n + r.closing, 0),
			stockPoints,
			coverage: unreserved > 0 ? Math.round((stockPoints / unreserved) * 10_000) / 10_000 : null
		}
	};
}
