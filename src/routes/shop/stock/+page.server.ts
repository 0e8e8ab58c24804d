import { can } from '$lib/server/permissions';
import { zId } from '$lib/server/http/fields';
import { formAction } from '$lib/server/http/form';
import { loadOrError } from '$lib/server/http/load';
import { decideStockCount } from '$lib/server/shop/decide-stock-count';
import { listItems } from '$lib/server/shop/list-items';
import { listStockCounts } from '$lib/server/shop/list-stock-counts';
import { listStockMovements } from '$lib/server/shop/list-stock-movements';
import { recordStockIn } from '$lib/server/shop/record-stock-in';
import { recordStocktake } from '$lib/server/shop/record-stocktake';
import { ZDecideStockCount, ZStockIn, ZStocktake } from '$lib/server/shop/schemas';
import type { Actions, PageServerLoad } from './$types';

/**
 * The stock book: goods in (purchases, donations), stocktake counts and the differences waiting
 * for the committee (who confirms them here), and the latest movements.
 */
export const load: PageServerLoad = ({ locals }) =>
	loadOrError(() => {
		const items = listItems(locals.viewer);
		return {
			items,
			pendingCounts: listStockCounts(locals.viewer, { status: 'pending' }),
			mayConfirm:
				locals.viewer?.villageId != null &&
				can(locals.viewer, 'shop:confirm_stocktake', {
					kind: 'village',
					villageId: locals.viewer.villageId
				}),
			me: locals.viewer?.userId ?? null,
			movements: listStockMovements(locals.viewer, { limit: 100 })
		};
	});

export const actions: Actions = {
	stockIn: (event) =>
		formAction(event.request, ZStockIn, (input) => {
			const movement = recordStockIn(event.locals.viewer, input);
			return { stockIn: { kind: movement.kind, quantity: movement.quantity } };
		}),
	stocktake: (event) =>
		formAction(event.request, ZStocktake, (input) => {
			const result = recordStocktake(event.locals.viewer, input);
			return {
				stocktake: {
					expected: result.expected,
					counted: result.counted,
					difference: result.difference
				}
			};
		}),
	decide: (event) =>
		formAction(
			event.request,
			ZDecideStockCount.extend({ countId: zId }),
			({ countId, ...input }) => {
				const count = decideStockCount(event.locals.viewer, countId, input);
				return { decided: count.status };
			}
		)
};
