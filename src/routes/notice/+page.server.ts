import { noticeSheetHeader } from '$lib/server/honour/notice-sheet';
import { zId } from '$lib/server/http/fields';
import { formAction } from '$lib/server/http/form';
import { loadOrError } from '$lib/server/http/load';
import { listPublicVillages } from '$lib/server/rules/list-public-villages';
import { listNotice } from '$lib/server/slips/list-notice';
import { listStarNotice } from '$lib/server/teams/list-star-notice';
import { objectedSlipIds } from '$lib/server/slips/objected-slip-ids';
import { ZRaiseObjection } from '$lib/server/slips/objection-schemas';
import { raiseObjection } from '$lib/server/slips/raise-objection';
import { loadVillage } from '$lib/server/villages/village-settings';
import type { Actions, PageServerLoad } from './$types';

/**
 * The public 公示 board: /notice?village=<code> for anyone (names masked); a signed-in villager
 * sees their own village's without the parameter. Printable as the notice sheet.
 */
export const load: PageServerLoad = ({ locals, url }) =>
	loadOrError(async () => {
		const param = url.searchParams.get('village')?.trim().slice(0, 40);
		const villageId = locals.viewer?.villageId ?? null;
		const code = param || (villageId !== null ? loadVillage(villageId).code : null);
		if (!code) return { board: null, villages: listPublicVillages() };
		const board = listNotice(code);
		return {
			board,
			villages: [],
			sheet: await noticeSheetHeader(board.village, url.origin),
			/** A villager of this village may object (提异议) to a slip while it is on the board. */
			canObject:
				!!locals.viewer &&
				locals.viewer.householdId !== null &&
				locals.viewer.villageId === board.village.id,
			/** Slips on the board this villager has already objected to (one objection each). */
			objectedByMe: objectedSlipIds(locals.viewer, board.village.id),
			/** 星级志愿者公示: star levels announced before they are granted. */
			stars: listStarNotice(board.village.id)
		};
	});

export const actions: Actions = {
	object: (event) =>
		formAction(event.request, ZRaiseObjection.extend({ slipId: zId }), ({ slipId, reason }) => {
			raiseObjection(
				event.locals.viewer,
				slipId,
				{ reason },
				{
					onBehalfOfMemberId: event.locals.actingFor?.memberId ?? null
				}
			);
			return { objected: slipId };
		})
};
