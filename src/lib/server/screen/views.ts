import { z } from 'zod';
import { ZEventSummary } from '$lib/server/events/views';

const ZRoomStart = z.object({
	room: z.string().describe('village:<id> or event:<id>'),
	lastId: z.number().int().describe('join the room with this lastId: nothing falls in between')
});

/** The square screen (广场大屏): public by design — masked names, nothing private. */
export const ZScreen = z.object({
	village: z.object({ id: z.number().int(), name: z.string(), code: z.string() }),
	/** "YYYY-MM-DD", today in village time (Asia/Shanghai). */
	today: z.string(),
	/** Active events that take place today (village time), with their head counts. */
	events: z.array(ZEventSummary),
	/** The latest check-ins of the village today, newest first, names masked (张*安). */
	checkins: z.array(
		z.object({
			eventId: z.number().int(),
			title: z.string(),
			memberName: z.string(),
			at: z.string().describe('ISO time')
		})
	),
	/** The month's honour roll, top households; null when the village has switched rankings off. */
	honour: z
		.object({
			periodLabel: z.string(),
			households: z.array(
				z.object({
					rank: z.number().int(),
					name: z.string().nullable(),
					group: z.string().nullable(),
					points: z.number().int()
				})
			)
		})
		.nullable(),
	/** The newest slips on the 公示 board, newest first, names masked. */
	notices: z.array(
		z.object({
			id: z.number().int(),
			memberName: z.string(),
			ruleName: z.string(),
			points: z.number().int(),
			postedAt: z.string(),
			objected: z.boolean()
		})
	),
	/** Where live updates continue from: the village room and each of today's event rooms. */
	feed: z.object({ village: ZRoomStart, events: z.array(ZRoomStart) })
});
export type Screen = z.infer<typeof ZScreen>;
