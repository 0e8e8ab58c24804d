import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import {
	parseRoom,
	roomName,
	type ClientToServerEvents,
	type JoinRequest,
	type JoinResult,
	type RealtimeErrorCode,
	type ServerToClientEvents
} from '$lib/realtime/events';
import * as m from '$lib/paraglide/messages';
import { loadViewer } from '$lib/server/auth/viewer';
import { releaseHeld } from './coalesce';
import { feedAfter, lastFeedId } from './feed-query';
import { actingForCookie, identify, localeOf, originAllowed, recheck } from './handshake';
import {
	realtimeHub,
	sessionRoom,
	tokenRoom,
	userRoom,
	type RealtimeHandle,
	type RealtimeServer,
	type SocketData
} from './hub';
import { decideRoom } from './rooms';

type AppSocket = Socket<
	ClientToServerEvents,
	ServerToClientEvents,
	Record<string, never>,
	SocketData
>;

export type RealtimeOptions = {
	/**
	 * How often an authenticated socket's session (or API token) and rooms are checked again.
	 * Logout and "log out everywhere" disconnect at once (disconnectSession/disconnectUser);
	 * this catches the rest — expiry, a revoked token, a lost role — within the interval.
	 */
	revalidateMs?: number;
};

const DEFAULT_REVALIDATE_MS = Number(process.env.REALTIME_REVALIDATE_MS ?? 60_000);

/**
 * Sets up Socket.IO on the app's own HTTP server (same port, same origin): called by the Vite
 * plugin in development and by server.js in production (through realtimeHub().attach, see
 * register.ts), and by the integration tests on a server of their own.
 */
export function attachRealtime(
	httpServer: HttpServer,
	options: RealtimeOptions = {}
): RealtimeHandle {
	const io: RealtimeServer = new Server(httpServer, {
		// Per socket.io/docs/v4/performance-tuning: no per-message deflate (memory and CPU per
		// connection for small JSON messages); bufferutil is installed where it builds.
		perMessageDeflate: false,
		// The browser client is bundled by Vite; nothing to serve.
		serveClient: false,
		allowRequest: (req, callback) => callback(null, originAllowed(req)),
		// No connectionStateRecovery: it keeps missed packets in this process's memory only (lost
		// on restart, not shared between processes). Missed events come from the persisted feed.
		maxHttpBufferSize: 16 * 1024
	});
	const revalidateMs = options.revalidateMs ?? DEFAULT_REVALIDATE_MS;

	io.use((socket, next) => {
		const req = socket.request;
		let identity: ReturnType<typeof identify>;
		try {
			identity = identify(req, socket.handshake.auth);
		} catch (e) {
			console.error('[realtime] handshake failed', e);
			return next(new Error('internal'));
		}
		if (!identity) return next(new Error('unauthenticated'));
		const { user, credential } = identity;
		socket.data = {
			userId: user?.id ?? null,
			credential,
			viewer: user ? loadViewer(user) : null,
			actingFor: user ? actingForCookie(req) : null,
			locale: localeOf(req)
		};
		// Joined here, in the same tick as the check, so a logout can't slip in between.
		if (user) void socket.join(userRoom(user.id));
		if (credential?.kind === 'session') void socket.join(sessionRoom(credential.sessionId));
		if (credential?.kind === 'token') void socket.join(tokenRoom(credential.tokenHash));
		next();
	});

	io.on('connection', (socket) => {
		const householdId = socket.data.viewer?.householdId;
		socket.emit('welcome', { household: householdId ? roomName('household', householdId) : null });
		socket.on('join', (request, ack) => {
			if (typeof ack !== 'function') return;
			// A throw in a socket handler would take the whole process down: answer instead.
			try {
				ack(join(socket, request));
			} catch (e) {
				console.error('[realtime] join failed', e);
				ack(refusal(socket, request, 'internal'));
			}
		});
		socket.on('leave', (room) => {
			if (parseRoom(room)) void socket.leave(room);
		});
		if (socket.data.credential) {
			const timer = setInterval(() => {
				try {
					refresh(socket);
				} catch (e) {
					console.error('[realtime] re-check failed', e);
				}
			}, revalidateMs);
			timer.unref();
			socket.on('disconnect', () => clearInterval(timer));
		}
	});

	// Known to publish() and disconnectUser() until closed; a Vite dev server that restarts
	// closes its old HTTP server and attaches again to the new one.
	const { servers } = realtimeHub();
	servers.add(io);
	httpServer.once('close', () => servers.delete(io));
	return {
		io,
		// Closes the connections (clients see a transport close and reconnect to the next
		// server), not the HTTP server: its owner closes that.
		close: async () => {
			servers.delete(io);
			io.engine.close();
			await io.of('/').adapter.close();
		}
	};
}

/**
 * The session or token still good? Then the viewer is reloaded (roles may have changed);
 * otherwise the socket is disconnected. Anonymous sockets have nothing to check.
 */
function stillSignedIn(socket: AppSocket): boolean {
	const { credential } = socket.data;
	if (!credential) return true;
	const user = recheck(credential);
	if (!user) {
		socket.disconnect(true);
		return false;
	}
	socket.data.viewer = loadViewer(user);
	return true;
}

/**
 * Joins a room after the permission check and answers with what the client missed. The join,
 * the query and the answer happen in one synchronous step, and feed rows are emitted only in
 * later ticks (publish.ts), so no row can fall between the catch-up and the live stream: every
 * row is either in the answer (already committed) or emitted to the room after it.
 */
function join(socket: AppSocket, request: JoinRequest): JoinResult {
	const requested = (request as Partial<JoinRequest> | null)?.room;
	const fail = (code: RealtimeErrorCode) => refusal(socket, request, code);
	if (!stillSignedIn(socket)) return fail('unauthenticated');
	const decision = decideRoom(socket.data.viewer, requested, socket.data.actingFor);
	if (!decision.ok) return fail(decision.code);
	const { room } = decision;
	const lastId = (request as Partial<JoinRequest>).lastId;
	// Rows committed but still held for the room (coalesce.ts) go to its members now, before
	// this socket is in it: its catch-up below has them, so none arrives twice.
	releaseHeld(room);
	void socket.join(room);
	if (typeof lastId !== 'number' || !Number.isSafeInteger(lastId) || lastId < 0) {
		return { ok: true, room, items: [], lastId: lastFeedId(room), truncated: false };
	}
	const { items, truncated } = feedAfter(room, lastId);
	return { ok: true, room, items, lastId: items.at(-1)?.id ?? lastId, truncated };
}

/** Periodic re-check: signed out → disconnected; a room no longer allowed → left. */
function refresh(socket: AppSocket): void {
	if (!stillSignedIn(socket)) return;
	for (const room of socket.rooms) {
		const parsed = parseRoom(room);
		if (!parsed) continue; // the socket's own id and the internal @user/@session rooms
		const decision = decideRoom(socket.data.viewer, parsed.name, socket.data.actingFor);
		if (!decision.ok) {
			void socket.leave(room);
			socket.emit('left', { room: parsed.name, reason: decision.code });
		}
	}
}

function refusal(socket: AppSocket, request: unknown, code: RealtimeErrorCode): JoinResult {
	const room = (request as { room?: unknown } | null)?.room;
	return {
		ok: false,
		// Echo only a string: String() of a client's `{ toString: 1 }` throws, and a throw here
		// (the catch in the join handler calls refusal too) would take the process down.
		room: typeof room === 'string' ? room : '',
		error: { code, message: errorMessage(code, socket.data.locale) }
	};
}

function errorMessage(code: RealtimeErrorCode, locale: SocketData['locale']): string {
	const options = { locale };
	switch (code) {
		case 'bad_request':
			return m.error_bad_request({}, options);
		case 'unauthenticated':
			return m.error_unauthenticated({}, options);
		case 'forbidden':
			return m.error_forbidden({}, options);
		case 'not_found':
			return m.error_not_found({}, options);
		case 'room_unavailable':
			return m.realtime_room_unavailable({}, options);
		case 'internal':
			return m.realtime_internal_error({}, options);
	}
}
