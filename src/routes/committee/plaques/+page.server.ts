import QRCode from 'qrcode';
import { listPlaques } from '$lib/server/honour/list-plaques';
import { loadOrError } from '$lib/server/http/load';
import type { PageServerLoad } from './$types';

/**
 * Door plaques to print, one per active household (?group=<id> for one ten-household group).
 * Each QR code is an SVG made here and carries the absolute address of /plaque/<token> on this
 * server's public origin (ORIGIN behind a proxy), so it works from any phone's camera.
 */
export const load: PageServerLoad = ({ locals, url }) =>
	loadOrError(async () => {
		const group = url.searchParams.get('group');
		const sheet = listPlaques(locals.viewer, {
			group: group && /^\d{1,9}$/.test(group) ? Number(group) : undefined
		});
		const plaques = await Promise.all(
			sheet.plaques.map(async (p) => {
				const href = `${url.origin}/plaque/${p.token}`;
				const svg = await QRCode.toString(href, {
					type: 'svg',
					margin: 1,
					errorCorrectionLevel: 'M'
				});
				return { ...p, href, svg };
			})
		);
		return { ...sheet, plaques };
	});
