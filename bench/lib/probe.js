// Loaded into the server under test with `node --import ./bench/lib/probe.js server.js`: it
// reports the server's own event-loop delay and memory over the IPC channel, so the product
// carries no benchmark code and exposes no metrics endpoint.
import { monitorEventLoopDelay } from 'node:perf_hooks';

if (typeof process.send === 'function') {
	const loop = monitorEventLoopDelay({ resolution: 10 });
	loop.enable();
	let peakRss = process.memoryUsage.rss();
	// RSS peaks between two reads are what matters for a small village server.
	const sampler = setInterval(() => {
		peakRss = Math.max(peakRss, process.memoryUsage.rss());
	}, 100);
	sampler.unref();

	process.on('message', (/** @type {any} */ message) => {
		if (message?.type === 'probe:reset') {
			loop.reset();
			peakRss = process.memoryUsage.rss();
			process.send?.({ type: 'probe:reset:done', id: message.id });
		} else if (message?.type === 'probe:read') {
			const ms = (/** @type {number} */ ns) => Math.round((ns / 1e6) * 100) / 100;
			process.send?.({
				type: 'probe:metrics',
				id: message.id,
				rssMb: Math.round(process.memoryUsage.rss() / 1048576),
				peakRssMb: Math.round(Math.max(peakRss, process.memoryUsage.rss()) / 1048576),
				heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1048576),
				eventLoopDelayMs: {
					p50: ms(loop.percentile(50)),
					p99: ms(loop.percentile(99)),
					max: ms(loop.max),
					mean: ms(loop.mean)
				}
			});
		}
	});
	// The IPC channel must not keep a server alive that was asked to stop.
	process.channel?.unref();
}
