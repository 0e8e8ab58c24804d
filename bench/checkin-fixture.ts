import { spawn } from 'node:child_process';
import type http from 'node:http';
import { request, type Reply } from './lib/http';
import { ROOT } from './lib/server';

/** What bench/seed-checkin-village.ts seeded (one line of JSON on its stdout). */
export type CheckinSeed = {
	villageId: number;
	eventIds: number[];
	/** The attendance points mode of the village (its default: no event_settings row). */
	attendanceMode: 'slip' | 'credit';
	attendanceRule: { id: number; name: string; points: number };
	/** Bearer token of the committee member (the staff who scan the cards). */
	token: string;
	/** One member card token per seeded member, in member order. */
	cards: string[];
	seconds: number;
};

/**
 * Seeds `members` members with cards and `events` open events into a running server's database,
 * in a child process (see bench/seed-checkin-village.ts for why not in this one).
 */
export function seedCheckinVillage(
	database: string,
	members: number,
	events: number
): Promise<CheckinSeed> {
	const child = spawn(
		process.execPath,
		[
			'--import',
			'tsx',
			'bench/seed-checkin-village.ts',
			'--members',
			String(members),
			'--events',
			String(events)
		],
		{ cwd: ROOT, env: { ...process.env, DATABASE_URL: database }, stdio: 'pipe' }
	);
	let out = '';
	let err = '';
	child.stdout.on('data', (c: Buffer) => (out += c.toString()));
	child.stderr.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-4000)));
	return new Promise((resolve, reject) => {
		child.once('exit', (code) => {
			if (code === 0) resolve(JSON.parse(out.trim().split('\n').at(-1)!) as CheckinSeed);
			else reject(new Error(`seeding failed (exit ${code}):\n${err}`));
		});
	});
}

/**
 * A staff member's card-scanning app: one POST per scanned card over the real API, with the
 * staff member's Bearer token and an Idempotency-Key, as the API asks scanning clients to send.
 */
export function postCheckIn(
	agent: http.Agent,
	seed: Pick<CheckinSeed, 'token'> & { url: string },
	eventId: number,
	card: string
): Promise<Reply> {
	return request(agent, `${seed.url}/api/v1/events/${eventId}/checkins`, {
		method: 'POST',
		headers: {
			authorization: `Bearer ${seed.token}`,
			'content-type': 'application/json',
			'idempotency-key': `scan-${eventId}-${card}`
		},
		body: JSON.stringify({ method: 'card', card })
	});
}

/** A check-in that recorded something new (a repeat would be `alreadyCheckedIn`). */
export function checkedIn(reply: { status: number; body: string }): boolean {
	if (reply.status !== 200) return false;
	try {
		const result = JSON.parse(reply.body) as { outcomes?: { alreadyCheckedIn: boolean }[] };
		return result.outcomes?.length === 1 && result.outcomes[0]!.alreadyCheckedIn === false;
	} catch {
		return false;
	}
}
