import { and, desc, eq, gt, isNotNull, isNull } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { households, members, pointExpiries } from '$lib/server/db/schema';
import { authorize } from '$lib/server/permissions';
import { loadVillage } from '$lib/server/villages/village-settings';
import { expires, nextCutoffAfter, villageDay } from './expiry-policy';
import { openExpiryShares } from './expiry-shares';
import type { ExpiryList } from './expiry-views';

/**
 * The committee's read-only view of points expiry in its village: the policy and its next
 * cutoff, the households warned whose points have not lapsed yet (at today's amounts), and the
 * latest lapses.
 */
export function listExpiries(
	viewer: Viewer | null,
	villageId: number,
	now: Date = new Date()
): ExpiryList {
	authorize(viewer, 'ledger:view_village', { kind: 'village', villageId });
	const village = loadVillage(villageId);
	const ref = {
		householdId: households.id,
		householdNumber: households.number,
		headName: members.name
	};
	const open = db
		.selectDistinct(ref)
		.from(pointExpiries)
		.innerJoin(households, eq(households.id, pointExpiries.householdId))
		.leftJoin(members, eq(members.id, households.headMemberId))
		.where(
			and(
				eq(pointExpiries.villageId, villageId),
				isNull(pointExpiries.expiredAt),
				isNotNull(pointExpiries.warnedAt)
			)
		)
		.all();
	const upcoming = expires(village)
		? open
				.flatMap((h) =>
					openExpiryShares(db, village, h.householdId).map((s) => ({
						...h,
						cutoff: s.row.cutoff,
						lapsesOn: s.lapsesOn,
						points: s.points,
						warnedAt: s.row.warnedAt?.toISOString() ?? null
					}))
				)
				.sort(
					(a, b) =>
						a.lapsesOn.localeCompare(b.lapsesOn) ||
						a.householdNumber.localeCompare(b.householdNumber, 'zh-CN')
				)
		: [];
	const recent = db
		.select({
			...ref,
			cutoff: pointExpiries.cutoff,
			points: pointExpiries.expiredPoints,
			expiredAt: pointExpiries.expiredAt
		})
		.from(pointExpiries)
		.innerJoin(households, eq(households.id, pointExpiries.householdId))
		.leftJoin(members, eq(members.id, households.headMemberId))
		.where(and(eq(pointExpiries.villageId, villageId), gt(pointExpiries.expiredPoints, 0)))
		.orderBy(desc(pointExpiries.expiredAt), desc(pointExpiries.id))
		.limit(50)
		.all()
		.flatMap((r) =>
			r.points !== null && r.expiredAt !== null
				? [{ ...r, points: r.points, expiredAt: r.expiredAt.toISOString() }]
				: []
		);
	return {
		policy: {
			expiryPolicy: village.expiryPolicy,
			expiryDate: village.expiryDate,
			expiryYears: village.expiryYears,
			expiryWarnDays: village.expiryWarnDays,
			nextCutoff: nextCutoffAfter(village, villageDay(now))
		},
		upcoming,
		recent
	};
}
