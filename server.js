// Production entry point (`npm start`): one node:http server that serves the SvelteKit app
// (adapter-node's handler) and, later, the realtime layer on the same port.
import { existsSync } from 'node:fs';
import http from 'node:http';
import { fileURLToPath } from 'node:url';

const handlerFile = fileURLToPath(new URL('./build/handler.js', import.meta.url));
if (!existsSync(handlerFile)) {
	console.error('build/handler.js is missing: run `npm run build` first.');
	process.exit(1);
}

// Without ORIGIN, adapter-node assumes https and SvelteKit's CSRF check then refuses every
// form post made over plain http (a village office PC at http://192.168.x.x:3000). So unless
// the operator names the origin, the protocol is taken from the socket itself, through a
// header we set on every request (overwriting anything a client sent).
const OWN_PROTOCOL_HEADER = 'x-jishan-protocol';
const deriveProtocol = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
if (deriveProtocol) process.env.PROTOCOL_HEADER = OWN_PROTOCOL_HEADER;

// Photos of slips may be up to 10 MB (spreadsheet imports 5 MB); adapter-node's default body
// limit is 512 KB.
process.env.BODY_SIZE_LIMIT ??= '11M';

// Importing the handler awaits SvelteKit's `server.init()` (top-level await in
// build/handler.js), which runs the `init` hook of src/hooks.server.ts — migrations — before
// we start listening.
const { handler } = await import(handlerFile);

const server = http.createServer((req, res) => {
	if (deriveProtocol) {
		req.headers[OWN_PROTOCOL_HEADER] = /** @type {any} */ (req.socket).encrypted ? 'https' : 'http';
	}
	// adapter-node's handler is connect-style; SvelteKit answers every request itself, so
	// `next` is only a safety net.
	handler(req, res, () => {
		res.statusCode = 404;
		res.end('Not found');
	});
});

// ── Realtime (Socket.IO) ──────────────────────────────────────────────────────────────────
// Same server, same port, same origin. The realtime layer is TypeScript compiled into the
// SvelteKit bundle; loading the bundle above ran hooks.server.ts, which registered `attach`
// under this global symbol (src/lib/server/realtime/hub.ts explains the hand-off).
const realtimeHub = /** @type {any} */ (globalThis)[Symbol.for('jishan.realtime')];
if (typeof realtimeHub?.attach !== 'function') {
	console.error('The build carries no realtime layer (src/lib/server/realtime/register.ts).');
	process.exit(1);
}
/** @type {{ close: () => Promise<void> }} */
const realtime = realtimeHub.attach(server);
// ──────────────────────────────────────────────────────────────────────────────────────────

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';
// Like adapter-node: seconds to let in-flight requests finish before connections are cut.
const shutdownTimeout = Number(process.env.SHUTDOWN_TIMEOUT ?? 30);

server.listen(port, host, () => {
	console.log(`积善 Jishan listening on http://localhost:${port}`);
});

let stopping = false;
/** @param {NodeJS.Signals} signal */
function shutdown(signal) {
	if (stopping) {
		// A second Ctrl-C means "now"; a repeated SIGTERM changes nothing.
		if (signal === 'SIGINT') process.exit(1);
		return;
	}
	stopping = true;
	console.log(`${signal}: shutting down…`);
	// Open sockets would hold close() open; their clients reconnect to the next server.
	void realtime.close();
	// Keep-alive connections would hold close() open until they time out.
	server.closeIdleConnections();
	server.close(() => {
		// adapter-node's own server emits this too; app code may listen for it to clean up.
		process.emit(/** @type {any} */ ('sveltekit:shutdown'), signal);
		// Exit once the event loop drains, or after a moment if something still holds it.
		setTimeout(() => process.exit(0), 1000).unref();
	});
	setTimeout(() => server.closeAllConnections(), shutdownTimeout * 1000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
