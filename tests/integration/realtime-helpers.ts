/**
 * A real HTTP server with the real Socket.IO layer (attachRealtime) on an ephemeral port of
 * 127.0.0.1, and real socket.io-client connections to it — nothing of ours is stubbed.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type {
	ClientToServerEvents,
	FeedItem,
	JoinResult,
	RoomName,
	ServerToClientEvents
} from '$lib/realtime/events';
import { createSession, generateSessionToken } from '$lib/server/auth/session';
import { attachRealtime } from '$lib/server/realtime/attach';
import type { RealtimeHandle } from '$lib/server/realtime/hub';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type TestServer = {
	url: string;
	http: Server;
	realtime: RealtimeHandle;
	close: () => Promise<void>;
};

export async function startRealtimeServer(revalidateMs?: number): Promise<TestServer> {
	const http = createServer((_req, res) => {
		res.statusCode = 404;
		res.end();
	});
	const realtime = attachRealtime(http, { revalidateMs });
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	const { port } = http.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		http,
		realtime,
		close: async () => {
			await realtime.close();
			http.closeAllConnections();
			await new Promise<void>((resolve) => http.close(() => resolve()));
		}
	};
}

/** A logged-in browser's cookie for `userId` (a fresh session) and the session's id. */
export function sessionCookie(userId: number): { cookie: string; sessionId: string } {
	const token = generateSessionToken();
	const session = createSession(token, userId);
	return { cookie: `session=${token}`, sessionId: session.id };
}

type ClientOptions = { cookie?: string; token?: string; origin?: string };

/** Connects (WebSocket only, no automatic reconnection) and waits for the outcome. */
export async function openSocket(server: TestServer, options: ClientOptions = {}) {
	const socket: TestSocket = connect(server.url, {
		transports: ['websocket'],
		reconnection: false,
		forceNew: true,
		auth: options.token ? { token: options.token } : {},
		extraHeaders: {
			...(options.cookie ? { cookie: options.cookie } : {}),
			...(options.origin ? { origin: options.origin } : {})
		}
	});
	const feed: FeedItem[] = [];
	socket.on('feed', (item) => feed.push(item));
	socket.on('feed_batch', (items) => feed.push(...items));
	const welcome = new Promise<{ household: RoomName | null }>((resolve) =>
		socket.once('welcome', resolve)
	);
	const outcome = await new Promise<'connected' | Error>((resolve) => {
		socket.once('connect', () => resolve('connected'));
		socket.once('connect_error', (e) => resolve(e));
	});
	return { socket, feed, welcome, error: outcome === 'connected' ? null : outcome };
}

export async function openConnected(server: TestServer, options: ClientOptions = {}) {
	const client = await openSocket(server, options);
	if (client.error) throw client.error;
	return client;
}

export function join(socket: TestSocket, room: string, lastId?: number): Promise<JoinResult> {
	return socket.timeout(5000).emitWithAck('join', { room: room as RoomName, lastId });
}

/** Resolves when `socket` is disconnected, with the reason. */
export function disconnected(socket: TestSocket, timeoutMs = 5000): Promise<string> {
	if (socket.disconnected) return Promise.resolve('already disconnected');
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('still connected')), timeoutMs);
		socket.once('disconnect', (reason) => {
			clearTimeout(timer);
			resolve(reason);
		});
	});
}

/** Waits until `predicate` holds (polling), or fails after `timeoutMs`. */
export async function until(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
	const start = Date.now();
	while (!predicate()) {
		if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
		await new Promise((r) => setTimeout(r, 10));
	}
}

/**
 * One realtime server for a test file: started before its tests, closed after them. `connect`
 * opens a connected socket that is disconnected after each test; `afterEachTest` adds checks
 * that run then too (e.g. the ledger's invariants).
 */
export function useRealtimeServer(options: { afterEachTest?: () => void } = {}) {
	let server: TestServer | undefined;
	const open: TestSocket[] = [];
	const current = () => {
		if (!server) throw new Error('the realtime server starts in beforeAll');
		return server;
	};
	beforeAll(async () => {
		server = await startRealtimeServer();
	});
	afterEach(() => {
		for (const socket of open.splice(0)) socket.disconnect();
		options.afterEachTest?.();
	});
	afterAll(() => current().close());
	return {
		server: current,
		connect: async (options: ClientOptions = {}) => {
			const client = await openConnected(current(), options);
			open.push(client.socket);
			return client;
		}
	};
}
