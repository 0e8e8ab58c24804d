// Plain JavaScript (typed with JSDoc) because vite.config.ts imports it before anything is
// compiled, and Vite's native config loader takes only files Node can run as they are.

/**
 * `npm run dev`: Socket.IO on Vite's own HTTP server, so the app and its live layer share one
 * origin as in production. The realtime module is loaded through Vite's SSR loader — the same
 * module graph SvelteKit's dev server renders pages with — so both use one database handle and
 * one Socket.IO server. (Edits to the socket handlers take effect after restarting the dev
 * server; edits anywhere else reload as usual.)
 *
 * @returns {import('vite').Plugin}
 */
export function realtimeDevServer() {
	return {
		name: 'jishan-realtime',
		apply: 'serve',
		configureServer(server) {
			const httpServer = /** @type {import('node:http').Server | null} */ (server.httpServer);
			if (!httpServer) return; // middleware mode: nobody to attach to
			httpServer.once('listening', async () => {
				try {
					const realtime = await server.ssrLoadModule('/src/lib/server/realtime/attach.ts');
					realtime.attachRealtime(httpServer);
				} catch (e) {
					server.config.logger.error(`[jishan-realtime] could not attach: ${String(e)}`);
				}
			});
		}
	};
}
