import type { Viewer } from '$lib/server/auth/viewer';
import { authorize } from '$lib/server/permissions';
import { TOKEN_STEP_MS, checkinToken, tokenStep } from './checkin-token';
import { eventTarget } from './event-target';

export type CheckinCode = {
	token: string;
	/** The address the QR code carries: the villager's phone camera opens it. */
	url: string;
	/** When this code is replaced (ISO); it is still accepted for one more step after that. */
	rotatesAt: string;
};

/** The event's current rotating check-in code, for the organiser's screen (never public). */
export function getCheckinCode(
	viewer: Viewer | null,
	eventId: number,
	origin: string,
	now: Date = new Date()
): CheckinCode {
	const { event, target } = eventTarget(eventId);
	authorize(viewer, 'events:organise', target);
	const token = checkinToken(event, now);
	return {
		token,
		url: `${origin}/events/${event.id}/checkin?t=${encodeURIComponent(token)}`,
		rotatesAt: new Date((tokenStep(now) + 1) * TOKEN_STEP_MS).toISOString()
	};
}
