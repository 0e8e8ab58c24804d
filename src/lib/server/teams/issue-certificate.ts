import { count, eq } from 'drizzle-orm';
import type { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { recordAudit } from '$lib/server/audit/record-audit';
import type { Viewer } from '$lib/server/auth/viewer';
import { write } from '$lib/server/db';
import { newPlaqueToken, villages } from '$lib/server/db/schema';
import { volunteerCertificates, type VolunteerCertificate } from '$lib/server/db/schema/teams';
import { DomainError } from '$lib/server/errors';
import { villageDay } from '$lib/server/ledger/expiry-policy';
import { parseInput } from '$lib/server/people/schemas';
import { memberTarget } from '$lib/server/people/targets';
import { authorize } from '$lib/server/permissions';
import { memberHalfHours } from './hours';
import { ZIssueCertificate } from './schemas';

/**
 * Issues a 志愿服务证明 for a member's confirmed hours to date: a number (village code, year,
 * sequence) and an unguessable token, both needed by the public verification page.
 */
export function issueCertificate(
	viewer: Viewer | null,
	raw: z.input<typeof ZIssueCertificate>,
	now = new Date()
): VolunteerCertificate {
	const { memberId } = parseInput(ZIssueCertificate, raw);
	const target = memberTarget(memberId);
	authorize(viewer, 'teams:certificate', target);
	return write((tx) => {
		const half = memberHalfHours(tx, memberId);
		if (half <= 0) throw new DomainError('conflict', { message: m.teams_error_no_hours() });
		const village = tx
			.select({ code: villages.code })
			.from(villages)
			.where(eq(villages.id, target.villageId))
			.get();
		const issued = tx
			.select({ n: count() })
			.from(volunteerCertificates)
			.where(eq(volunteerCertificates.villageId, target.villageId))
			.get();
		const seq = String((issued?.n ?? 0) + 1).padStart(5, '0');
		const number = `${(village?.code ?? 'v').toUpperCase()}-${villageDay(now).slice(0, 4)}-${seq}`;
		const certificate = tx
			.insert(volunteerCertificates)
			.values({
				villageId: target.villageId,
				number,
				memberId,
				issuedBy: viewer.userId,
				issuedAt: now,
				totalHalfHours: half,
				token: newPlaqueToken()
			})
			.returning()
			.get();
		recordAudit(tx, {
			villageId: target.villageId,
			actorUserId: viewer.userId,
			onBehalfOfMemberId:
				viewer.memberId === memberId || viewer.roles.includes('committee') ? null : memberId,
			action: 'team.issue_certificate',
			subjectType: 'volunteer_certificate',
			subjectId: certificate.id,
			detail: { number, halfHours: half }
		});
		return certificate;
	});
}
