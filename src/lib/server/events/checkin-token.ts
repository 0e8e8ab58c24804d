import { hmac } from '@oslojs/crypto/hmac';
import { SHA256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { decodeHex, encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/** The event's QR code changes this often (ms). */
export const TOKEN_STEP_MS = 15_000;

export const tokenStep = (now: Date): number => Math.floor(now.getTime() / TOKEN_STEP_MS);

function mac(secretHex: string, eventId: number, step: number): string {
	const message = new TextEncoder().encode(`${eventId}.${step}`);
	// 100 bits of the HMAC are plenty for a code that lives 30 seconds.
	return encodeBase32LowerCaseNoPadding(hmac(SHA256, decodeHex(secretHex), message)).slice(0, 20);
}

/**
 * The check-in token of the event's rotating QR code for the time step of `now`:
 * "<eventId>.<step>.<mac>", mac = HMAC-SHA256(event's qrSecret, "<eventId>.<step>"). The event id
 * is in the clear so a code of another event can be told apart from a forged one.
 */
export function checkinToken(event: { id: number; qrSecret: string }, now: Date): string {
	const step = tokenStep(now);
	return `${event.id}.${step}.${mac(event.qrSecret, event.id, step)}`;
}

export type TokenReading =
	| { ok: true }
	| { ok: false; reason: 'invalid' | 'expired' | 'other_event'; otherEventId?: number };

/**
 * Reads a scanned token against an event: valid for the current and the previous step only (so a
 * scan a moment before the code changed still works, a photo sent home does not). `secretOf`
 * finds another event's secret, to say "another event's code" only when that code is genuine.
 */
export function readCheckinToken(
	event: { id: number; qrSecret: string },
	token: string,
	now: Date,
	secretOf: (eventId: number) => string | null
): TokenReading {
	const match = /^([1-9]\d{0,14})\.(\d{1,15})\.([a-z2-7]{20})$/.exec(token);
	if (!match) return { ok: false, reason: 'invalid' };
	const eventId = Number(match[1]);
	const step = Number(match[2]);
	const secret = eventId === event.id ? event.qrSecret : secretOf(eventId);
	if (secret === null) return { ok: false, reason: 'invalid' };
	const expected = new TextEncoder().encode(mac(secret, eventId, step));
	if (!constantTimeEqual(expected, new TextEncoder().encode(match[3]))) {
		return { ok: false, reason: 'invalid' };
	}
	if (eventId !== event.id) return { ok: false, reason: 'other_event', otherEventId: eventId };
	const current = tokenStep(now);
	if (step > current) return { ok: false, reason: 'invalid' };
	if (step < current - 1) return { ok: false, reason: 'expired' };
	return { ok: true };
}
