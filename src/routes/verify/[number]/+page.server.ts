import { DomainError } from '$lib/server/errors';
import { verifyCertificate } from '$lib/server/teams/verify-certificate';
import type { PageServerLoad } from './$types';

/**
 * The public check behind a certificate's QR code (no login): genuine only when the number and
 * the token both match. A forged one gets a plain "no such certificate" page, not an error.
 */
export const load: PageServerLoad = ({ params, url }) => {
	const token = url.searchParams.get('t')?.trim().slice(0, 64) ?? '';
	try {
		return { check: token ? verifyCertificate(params.number, token) : null };
	} catch (e) {
		if (e instanceof DomainError && e.code === 'not_found') return { check: null };
		throw e;
	}
};
