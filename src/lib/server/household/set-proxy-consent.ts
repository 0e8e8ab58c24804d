import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Viewer } from '$lib/server/auth/viewer';
import { recordAudit } from '$lib/server/audit/record-audit';
import { write } from '$lib/server/db';
import { members } from '$lib/server/db/schema';
import { zCheckbox, zId } from '$lib/server/http/fields';
import { authorize } from '$lib/server/permissions';
import { memberTarget } from '$lib/server/people/targets';

export const ZSetProxyConsent = z.object({ memberId: zId, consent: zCheckbox });

/**
 * A member agrees (or stops agreeing) that family and their 十户长 may act for them (代办).
 * Withdrawing takes effect at once: acting-for is re-checked on every request.
 */
export function setProxyConsent(
	viewer: Viewer | null,
	input: z.infer<typeof ZSetProxyConsent>
): void {
	const target = memberTarget(input.memberId);
	authorize(viewer, 'member:set_proxy_consent', target);
	write((tx) => {
		tx.update(members)
			.set({ proxyConsent: input.consent })
			.where(eq(members.id, input.memberId))
			.run();
		recordAudit(tx, {
			villageId: target.villageId,
			actorUserId: viewer.userId,
			action: input.consent ? 'member.proxy_consent_give' : 'member.proxy_consent_withdraw',
			subjectType: 'member',
			subjectId: input.memberId
		});
	});
}
