import { attachRealtime } from './attach';
import { realtimeHub } from './hub';

/**
 * Imported for its effect by hooks.server.ts, so the SvelteKit server bundle carries the
 * realtime layer and offers it to server.js, which owns the production HTTP server but can't
 * import our TypeScript (see hub.ts for why the hand-off goes through globalThis).
 */
realtimeHub().attach = (httpServer) => attachRealtime(httpServer);
