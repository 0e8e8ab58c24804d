import QRCode from 'qrcode';
import { loadOrError } from '$lib/server/http/load';
import { getCertificate } from '$lib/server/teams/get-certificate';
import type { PageServerLoad } from './$types';

/** 志愿服务证明 to print, with the QR code of its public verification page. */
export const load: PageServerLoad = ({ locals, params, url }) =>
	loadOrError(async () => {
		const certificate = getCertificate(locals.viewer, params.number);
		const verifyUrl = `${url.origin}${certificate.verifyPath}`;
		const qrSvg = await QRCode.toString(verifyUrl, {
			type: 'svg',
			margin: 1,
			errorCorrectionLevel: 'M'
		});
		return { certificate, verifyUrl, qrSvg };
	});
