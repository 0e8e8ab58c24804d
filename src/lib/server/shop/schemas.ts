import { z } from 'zod';
import { FUNDING_SOURCES } from '$lib/server/db/schema';
import { zCheckbox, zId, zOptionalInt, zOptionalText } from '$lib/server/http/fields';
import * as m from '$lib/paraglide/messages';

/** An item of the catalog, as the committee or shopkeeper enters it. */
export const ZSaveItem = z.object({
	name: z
		.string({ error: () => m.shop_v_name() })
		.trim()
		.min(1, { error: () => m.shop_v_name() })
		.max(40, { error: () => m.shop_v_name() }),
	category: zOptionalText(20).transform((v) => v ?? ''),
	pointsPrice: z.coerce
		.number({ error: () => m.shop_v_price() })
		.int({ error: () => m.shop_v_price() })
		.min(1, { error: () => m.shop_v_price() })
		.max(100_000, { error: () => m.shop_v_price() }),
	monthlyLimit: zOptionalInt(1, 100)
		.optional()
		.transform((v) => v ?? null),
	sortOrder: zOptionalInt(0, 9999)
		.optional()
		.transform((v) => v ?? 0),
	active: zCheckbox
});

/** Goods coming in: bought (with village money) or donated (donor and funding source required). */
export const ZStockIn = z
	.object({
		itemId: zId,
		kind: z.enum(['purchase', 'donation']),
		quantity: z.coerce
			.number({ error: () => m.shop_v_quantity() })
			.int({ error: () => m.shop_v_quantity() })
			.min(1, { error: () => m.shop_v_quantity() })
			.max(10_000, { error: () => m.shop_v_quantity() }),
		donor: zOptionalText(60),
		fundingSource: z.preprocess(
			(v) => (v === '' ? undefined : v),
			z.enum(FUNDING_SOURCES).optional()
		),
		valueYuan: zOptionalInt(0, 10_000_000)
			.optional()
			.transform((v) => v ?? null),
		reason: zOptionalText(200)
	})
	.superRefine((v, ctx) => {
		if (v.kind !== 'donation') return;
		if (!v.donor) ctx.addIssue({ code: 'custom', path: ['donor'], message: m.shop_v_donor() });
		if (!v.fundingSource) {
			ctx.addIssue({ code: 'custom', path: ['fundingSource'], message: m.shop_v_funding() });
		}
	});

/** A stocktake: what the shopkeeper counted on the shelf, and why it differs. */
export const ZStocktake = z.object({
	itemId: zId,
	counted: z.coerce
		.number({ error: () => m.shop_v_counted() })
		.int({ error: () => m.shop_v_counted() })
		.min(0, { error: () => m.shop_v_counted() })
		.max(100_000, { error: () => m.shop_v_counted() }),
	reason: z
		.string({ error: () => m.shop_v_reason() })
		.trim()
		.min(1, { error: () => m.shop_v_reason() })
		.max(200, { error: () => m.shop_v_reason() })
});

const ZLine = z.object({
	itemId: zId,
	quantity: z.coerce
		.number({ error: () => m.shop_v_order_quantity() })
		.int({ error: () => m.shop_v_order_quantity() })
		.min(1, { error: () => m.shop_v_order_quantity() })
		.max(99, { error: () => m.shop_v_order_quantity() })
});

/**
 * An order: the basket's lines (one per item) and, from the order form, its one-time token
 * (a double tap or a resent form then finds the first order instead of making a second).
 */
export const ZPlaceOrder = z.object({
	lines: z
		.array(ZLine)
		.min(1, { error: () => m.shop_v_empty_basket() })
		.max(30, { error: () => m.shop_v_big_basket() })
		.refine((ls) => new Set(ls.map((l) => l.itemId)).size === ls.length, {
			error: () => m.shop_v_one_line_per_item()
		}),
	token: z
		.string()
		.trim()
		.regex(/^[A-Za-z0-9_-]{8,64}$/)
		.optional()
});

/**
 * The catalog form: a quantity input `q<itemId>` per item (empty or 0: not wanted), plus the
 * form's token. Turned into ZPlaceOrder's shape.
 */
export const ZOrderForm = z.preprocess((raw) => {
	const form = (raw ?? {}) as Record<string, unknown>;
	const lines = Object.entries(form)
		.filter(
			([k, v]) => /^q\d+$/.test(k) && typeof v === 'string' && v.trim() !== '' && v.trim() !== '0'
		)
		.map(([k, v]) => ({ itemId: k.slice(1), quantity: v }));
	return { lines, token: form.token || undefined };
}, ZPlaceOrder);

export const ZCancelOrder = z.object({ reason: zOptionalText(200) });

/** The committee's decision on a stocktake difference. */
export const ZDecideStockCount = z.object({
	confirm: zCheckbox,
	note: zOptionalText(200)
});

export const ZPickupCode = z.object({
	code: z
		.string()
		.trim()
		.regex(/^\d{6}$/)
});

export const ZOrderQuery = z.object({
	status: z.enum(['reserved', 'handed_over', 'cancelled']).optional()
});
