import { timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { members, villages } from '$lib/server/db/schema';
import { volunteerCertificates } from '$lib/server/db/schema/teams';
import { DomainError } from '$lib/server/errors';
import { maskName } from '$lib/realtime/mask';

export type CertificateCheck = {
	number: string;
	/** Masked: 张*安. */
	memberName: string;
	village: { name: string; town: string };
	hours: number;
	issuedAt: string;
};

const same = (a: string, b: string) =>
	a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * The public check of a printed certificate: the number and the token from its QR code must both
 * match, or it is not ours (404 — a forged number and a wrong token look the same). Shows only
 * the masked name, the hours, the village and the date.
 */
export function verifyCertificate(number: string, token: string): CertificateCheck {
	const c = db
		.select()
		.from(volunteerCertificates)
		.where(eq(volunteerCertificates.number, number))
		.get();
	if (!c || !same(c.token, token)) throw new DomainError('not_found');
	const member = db
		.select({ name: members.name })
		.from(members)
		.where(eq(members.id, c.memberId))
		.get();
	const village = db
		.select({ name: villages.name, town: villages.town })
		.from(villages)
		.where(eq(villages.id, c.villageId))
		.get();
	return {
		number: c.number,
		memberName: maskName(member?.name ?? ''),
		village: village ?? { name: '', town: '' },
		hours: c.totalHalfHours / 2,
		issuedAt: c.issuedAt.toISOString()
	};
}
