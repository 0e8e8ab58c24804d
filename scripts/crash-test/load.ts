import http from 'node:http';
import { mulberry32, type Rng } from '../../src/lib/server/demo/prng';
import type { CrashWorld } from './seed';

/**
 * The crash test's clients: a mixed load of writes over the real HTTP API, each with its own
 * Idempotency-Key, and a record of what every client was told — so the checks after a kill know
 * which writes were acknowledged and which were lost in flight (to be retried).
 */

export type OpKind = 'checkin' | 'slip' | 'order' | 'handover' | 'event';

/** A write the client saw acknowledged (2xx), with the ids the reply named. */
export type Acked =
	| { kind: 'checkin'; eventId: number; memberId: number; entryId: number | null }
	| { kind: 'slip'; id: number; nonce: string }
	| { kind: 'order'; id: number; householdId: number; nonce: string }
	| { kind: 'handover'; orderId: number }
	| { kind: 'event'; id: number; nonce: string };

export type Op = {
	n: number;
	kind: OpKind;
	token: string;
	path: string;
	body: string;
	key: string;
	/** Written into the request (slip note, order token, event title) to find it in the DB. */
	nonce: string;
	/** `lost`: no reply (the server died with it in flight, or refused the connection). */
	state: 'pending' | 'acked' | 'refused' | 'lost';
	status: number;
	replyBody: string;
};

/** Mix of the load (weights): check-ins and slips most, as in a village office. */
const MIX: [OpKind, number][] = [
	['checkin', 32],
	['slip', 26],
	['order', 24],
	['handover', 14],
	['event', 4]
];

export type LoadState = {
	world: CrashWorld;
	seed: number;
	/** Events to check in to: the seeded ones and those the load created. */
	eventIds: number[];
	/** Acknowledged orders not yet sent for hand-over. */
	openOrders: number[];
	ops: Op[];
	acked: Acked[];
	/** Replies ≥ 500: never expected, each is a failure. */
	serverErrors: Op[];
	nextOp: number;
};

export function newLoadState(world: CrashWorld, seed: number): LoadState {
	return {
		world,
		seed,
		eventIds: [...world.eventIds],
		openOrders: [],
		ops: [],
		acked: [],
		serverErrors: [],
		nextOp: 0
	};
}

const villageToday = new Intl.DateTimeFormat('en-CA', {
	timeZone: 'Asia/Shanghai',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit'
});

function pickKind(rng: Rng): OpKind {
	const total = MIX.reduce((s, [, w]) => s + w, 0);
	let x = rng.next() * total;
	for (const [kind, w] of MIX) {
		x -= w;
		if (x < 0) return kind;
	}
	return 'checkin';
}

/** The next request of a client: what it sends, as whom, with which key. */
function makeOp(state: LoadState, rng: Rng): Op {
	const { world } = state;
	const n = state.nextOp++;
	const nonce = `crash-${state.seed}-${n}`;
	let kind = pickKind(rng);
	if (kind === 'handover' && state.openOrders.length === 0) kind = 'order';
	const base = { n, kind, key: nonce, nonce, state: 'pending' as const, status: 0, replyBody: '' };
	switch (kind) {
		case 'checkin': {
			// The newest events: old ones fill up (a second check-in records nothing new).
			const recent = state.eventIds.slice(-4);
			const eventId = rng.pick(recent);
			const memberId = rng.pick(world.memberIds);
			return {
				...base,
				token: world.committeeToken,
				path: `/api/v1/events/${eventId}/checkins`,
				body: JSON.stringify({ method: 'roster', memberIds: [memberId] })
			};
		}
		case 'slip': {
			const home = rng.pick(world.homes);
			return {
				...base,
				token: home.token,
				path: '/api/v1/slips',
				body: JSON.stringify({
					memberId: rng.pick(home.memberIds),
					ruleId: world.ruleId,
					quantity: rng.int(1, 3),
					occurredOn: villageToday.format(new Date()),
					note: nonce
				})
			};
		}
		case 'order': {
			const home = rng.pick(world.homes);
			return {
				...base,
				token: home.token,
				path: '/api/v1/shop/orders',
				body: JSON.stringify({
					lines: [{ itemId: rng.pick(world.itemIds), quantity: rng.int(1, 2) }],
					token: nonce
				})
			};
		}
		case 'handover': {
			const i = rng.int(0, state.openOrders.length - 1);
			const [orderId] = state.openOrders.splice(i, 1);
			return {
				...base,
				token: world.shopkeeperToken,
				path: `/api/v1/shop/orders/${orderId}/hand-over`,
				body: ''
			};
		}
		case 'event': {
			const now = Date.now();
			const iso = (ms: number) => new Date(ms).toISOString();
			return {
				...base,
				token: world.committeeToken,
				path: '/api/v1/events',
				body: JSON.stringify({
					type: '其他',
					title: nonce,
					place: '村委会',
					startsAt: iso(now),
					endsAt: iso(now + 24 * 3600_000),
					signupRequired: false,
					attendanceRuleId: world.eventRuleId,
					checkInOpensAt: iso(now - 3600_000),
					checkInClosesAt: iso(now + 24 * 3600_000)
				})
			};
		}
	}
}

/** A reply, with whether the server replayed a stored response for the Idempotency-Key. */
export type Reply = { status: number; body: string; replayed: boolean };

/** Sends `op`; null when no reply came (connection refused or cut by the kill). */
export function send(agent: http.Agent, url: string, op: Op): Promise<Reply | null> {
	return new Promise((resolve) => {
		const req = http.request(
			url + op.path,
			{
				agent,
				method: 'POST',
				headers: {
					authorization: `Bearer ${op.token}`,
					'content-type': 'application/json',
					'idempotency-key': op.key
				}
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						body: Buffer.concat(chunks).toString('utf8'),
						replayed: res.headers['idempotent-replayed'] === 'true'
					})
				);
				res.on('error', () => resolve(null));
			}
		);
		req.on('error', () => resolve(null));
		req.end(op.body);
	});
}

/** Files a reply: what the client now knows about the write. */
export function record(state: LoadState, op: Op, reply: Reply | null): void {
	if (reply === null) {
		op.state = 'lost';
		return;
	}
	op.status = reply.status;
	op.replyBody = reply.body;
	if (reply.status >= 500) {
		op.state = 'refused';
		state.serverErrors.push(op);
		return;
	}
	if (reply.status >= 300) {
		op.state = 'refused';
		return;
	}
	op.state = 'acked';
	const body = JSON.parse(reply.body);
	switch (op.kind) {
		case 'checkin': {
			const outcome = body.outcomes[0];
			state.acked.push({
				kind: 'checkin',
				eventId: body.eventId,
				memberId: outcome.memberId,
				entryId: outcome.points?.via === 'credit' ? outcome.points.entryId : null
			});
			break;
		}
		case 'slip':
			state.acked.push({ kind: 'slip', id: body.id, nonce: op.nonce });
			break;
		case 'order':
			state.acked.push({
				kind: 'order',
				id: body.id,
				householdId: body.householdId,
				nonce: op.nonce
			});
			if (body.status === 'reserved') state.openOrders.push(body.id);
			break;
		case 'handover':
			state.acked.push({ kind: 'handover', orderId: body.id });
			break;
		case 'event':
			state.acked.push({ kind: 'event', id: body.id, nonce: op.nonce });
			state.eventIds.push(body.id);
			break;
	}
}

/**
 * `clients` closed-loop clients, each sending its next write as soon as the last was answered,
 * until `stop()` says so. Resolves when every client has had its last reply (or lost it).
 */
export function runClients(
	state: LoadState,
	options: { agent: http.Agent; url: string; clients: number; cycle: number }
): { stop: () => void; done: Promise<void> } {
	let stopped = false;
	const client = async (i: number) => {
		const rng = mulberry32(state.seed * 7919 + options.cycle * 131 + i);
		while (!stopped) {
			const op = makeOp(state, rng);
			state.ops.push(op);
			const reply = await send(options.agent, options.url, op);
			record(state, op, reply);
			// A refused connection means the server is gone: stop rather than spin.
			if (reply === null) break;
		}
	};
	const done = Promise.all(Array.from({ length: options.clients }, (_, i) => client(i))).then(
		() => undefined
	);
	return { stop: () => (stopped = true), done };
}
