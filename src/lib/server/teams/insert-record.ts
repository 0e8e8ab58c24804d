import { eq } from 'drizzle-orm';
import type { Tx } from '$lib/server/db';
import { members, villages } from '$lib/server/db/schema';
import { serviceRecords, type ServiceRecord } from '$lib/server/db/schema/teams';
import { postEntry } from '$lib/server/ledger/post-entry';
import { recordFeed } from '$lib/server/realtime/publish';
import { roomName } from '$lib/realtime/events';
import { announceStarLevels } from './announce-stars';
import { pointsFor } from './hours';

export type NewRecord = {
	villageId: number;
	teamId: number;
	activityId: number | null;
	memberId: number;
	householdId: number;
	serviceDate: string;
	halfHours: number;
	content: string;
	place: string;
	recordedBy: number;
	correctsRecordId?: number | null;
	correctionReason?: string | null;
	/** Points fixed by the caller (a full reversal takes back exactly what was credited). */
	points?: number;
};

/**
 * Inside the caller's transaction: writes one confirmed service record and credits its points to
 * the member's household through the ledger (source ('service_record', id): one entry per record,
 * however often a request is retried), tells the household, and announces any star level reached.
 */
export function insertRecord(tx: Tx, input: NewRecord, now: Date): ServiceRecord {
	const village = tx
		.select({ pointsPerHour: villages.pointsPerHour })
		.from(villages)
		.where(eq(villages.id, input.villageId))
		.get();
	const points = input.points ?? pointsFor(village?.pointsPerHour ?? 0, input.halfHours);
	const record = tx
		.insert(serviceRecords)
		.values({
			villageId: input.villageId,
			teamId: input.teamId,
			activityId: input.activityId,
			memberId: input.memberId,
			householdId: input.householdId,
			serviceDate: input.serviceDate,
			halfHours: input.halfHours,
			content: input.content,
			place: input.place,
			recordedBy: input.recordedBy,
			correctsRecordId: input.correctsRecordId ?? null,
			correctionReason: input.correctionReason ?? null,
			pointsCredited: points,
			createdAt: now
		})
		.returning()
		.get();
	if (points !== 0) {
		const isCorrection = record.correctsRecordId !== null;
		postEntry(tx, {
			villageId: record.villageId,
			householdId: record.householdId,
			memberId: record.memberId,
			kind: isCorrection ? 'correct' : 'earn',
			points,
			source: { type: 'service_record', id: record.id },
			note: (isCorrection ? record.correctionReason : record.content)?.slice(0, 200) ?? null,
			actorUserId: record.recordedBy,
			at: now
		});
		const member = tx
			.select({ name: members.name })
			.from(members)
			.where(eq(members.id, record.memberId))
			.get();
		recordFeed(tx, {
			villageId: record.villageId,
			room: roomName('household', record.householdId),
			type: 'points_credited',
			payload: {
				memberName: member?.name ?? '—',
				rule: record.content.slice(0, 60),
				points
			}
		});
	}
	if (record.halfHours > 0) announceStarLevels(tx, record.villageId, record.memberId, now);
	return record;
}
