import type { Cookies } from '@sveltejs/kit';
import { and, eq, inArray, or } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { households, members } from '$lib/server/db/schema';
import { ACTING_FOR_COOKIE, PREFERENCE_MAX_AGE } from '$lib/server/auth/cookies';
import type { Viewer } from '$lib/server/auth/viewer';
import { DomainError } from '$lib/server/errors';
import { authorize, can } from '$lib/server/permissions';
import { memberTarget } from './targets';
import { recordAudit } from '$lib/server/audit/record-audit';

export type ActingFor = { memberId: number; name: string; householdId: number };

/**
 * The member a user has chosen to act for (代办). The choice lives in a cookie but is
 * re-checked against the permission module on every request, so a withdrawn consent or a
 * moved household ends it at once.
 */
export function resolveActingFor(viewer: Viewer, cookies: Cookies): ActingFor | null {
	const raw = cookies.get(ACTING_FOR_COOKIE);
	if (!raw) return null;
	const memberId = Number(raw);
	try {
		if (!Number.isSafeInteger(memberId) || !can(viewer, 'member:act_for', memberTarget(memberId))) {
			throw new DomainError('forbidden');
		}
	} catch {
		cookies.delete(ACTING_FOR_COOKIE, { path: '/' });
		return null;
	}
	const m = db
		.select({ memberId: members.id, name: members.name, householdId: members.householdId })
		.from(members)
		.where(eq(members.id, memberId))
		.get();
	return m ?? null;
}

export function startActingFor(viewer: Viewer, memberId: number, cookies: Cookies): void {
	authorize(viewer, 'member:act_for', memberTarget(memberId));
	db.transaction((tx) =>
		recordAudit(tx, {
			villageId: viewer.villageId,
			actorUserId: viewer.userId,
			onBehalfOfMemberId: memberId,
			action: 'acting_for.start',
			subjectType: 'member',
			subjectId: memberId
		})
	);
	cookies.set(ACTING_FOR_COOKIE, String(memberId), {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		maxAge: PREFERENCE_MAX_AGE
	});
}

export function stopActingFor(cookies: Cookies): void {
	cookies.delete(ACTING_FOR_COOKIE, { path: '/' });
}

/** Members the viewer may act for: consenting members of their household and of groups they lead. */
export function listActableMembers(viewer: Viewer) {
	if (!viewer.villageId || !viewer.roles.includes('villager')) return [];
	const candidates = db
		.select({
			memberId: members.id,
			name: members.name,
			householdId: members.householdId,
			householdNumber: households.number,
			tenGroupId: households.tenGroupId,
			villageId: members.villageId,
			proxyConsent: members.proxyConsent
		})
		.from(members)
		.innerJoin(households, eq(members.householdId, households.id))
		.where(
			and(
				eq(members.villageId, viewer.villageId),
				eq(members.proxyConsent, true),
				eq(members.active, true),
				or(
					viewer.householdId !== null ? eq(members.householdId, viewer.householdId) : undefined,
					viewer.ledGroupIds.length > 0
						? inArray(households.tenGroupId, viewer.ledGroupIds)
						: undefined
				)
			)
		)
		.all();
	return candidates
		.filter((c) => can(viewer, 'member:act_for', { kind: 'member', ...c }))
		.map(({ memberId, name, householdNumber }) => ({ memberId, name, householdNumber }));
}
