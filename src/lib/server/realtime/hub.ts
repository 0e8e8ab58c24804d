import type { Server as HttpServer } from 'node:http';
import type { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '$lib/realtime/events';
import type { Viewer } from '$lib/server/auth/viewer';

/** What the server keeps about each socket (set by the handshake, see attach.ts). */
export type SocketData = {
	/** Null for anonymous sockets (public rooms only). */
	userId: number | null;
	/** How the socket authenticated, re-checked periodically and on every join. */
	credential: { kind: 'session'; sessionId: string } | { kind: 'token'; tokenHash: string } | null;
	viewer: Viewer | null;
	/** The member the user acts for (代办 cookie), which also opens that member's household room. */
	actingFor: number | null;
	locale: 'zh-CN' | 'en';
};

export type RealtimeServer = Server<
	ClientToServerEvents,
	ServerToClientEvents,
	Record<string, never>,
	SocketData
>;

export type RealtimeHandle = { io: RealtimeServer; close: () => Promise<void> };
export type AttachRealtime = (httpServer: HttpServer) => RealtimeHandle;

type Hub = {
	/** Every attached server: one in production and dev; tests may run several side by side. */
	servers: Set<RealtimeServer>;
	attach: AttachRealtime | null;
};

/**
 * The ONE hand-off between the code that owns the HTTP server and the app's code, kept on
 * `globalThis` under a registered symbol. Why a global at all: the app is not one module graph.
 * - In production, server.js (plain Node) and the SvelteKit server bundle in build/ are
 *   separate graphs: server.js can't import our TypeScript, so the bundle registers `attach`
 *   here when hooks.server.ts loads (register.ts) and server.js calls it with its server.
 * - In development, Vite re-evaluates edited modules, so a module-level variable would lose the
 *   Socket.IO server that publish() needs; the global outlives re-evaluation.
 * Domain code never touches this: it calls publish.ts; server.js only calls `attach`.
 */
const HUB = Symbol.for('jishan.realtime');

export function realtimeHub(): Hub {
	const g = globalThis as { [HUB]?: Hub };
	return (g[HUB] ??= { servers: new Set(), attach: null });
}

/**
 * Internal rooms, never joinable by clients (client room names are parsed by parseRoom): they
 * let us reach one user's or one session's sockets, also across processes with an adapter.
 */
export const userRoom = (userId: number) => `@user:${userId}`;
export const sessionRoom = (sessionId: string) => `@session:${sessionId}`;
export const tokenRoom = (tokenHash: string) => `@token:${tokenHash}`;

/**
 * Ends every live connection of a user (log out everywhere, password reset, account
 * deactivated). Their browsers may reconnect, and then meet the handshake's checks again.
 */
export function disconnectUser(userId: number): void {
	for (const io of realtimeHub().servers) io.in(userRoom(userId)).disconnectSockets(true);
}

/** Ends the live connections that authenticated with this API token (revoked). */
export function disconnectToken(tokenHash: string): void {
	for (const io of realtimeHub().servers) io.in(tokenRoom(tokenHash)).disconnectSockets(true);
}

/** Ends the live connections that authenticated with this session (logout). */
export function disconnectSession(sessionId: string): void {
	for (const io of realtimeHub().servers) io.in(sessionRoom(sessionId)).disconnectSockets(true);
}
