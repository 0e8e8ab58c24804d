/**
 * The bare Socket.IO server of the fan-out benchmark (bench/fanout.ts), in a process of its own
 * as the app's server is: the same Socket.IO version and options as src/lib/server/realtime/
 * attach.ts, a `join` that only joins the room, and POST /broadcast, which emits one feed item
 * of the app's shape (an `event_attendance` row) to the room and answers 200 — nothing else.
 *
 *   PORT=4311 node --import tsx bench/fanout-bare-server.ts
 *
 * Prints "listening" on stdout when ready.
 */
import http from 'node:http';
import { Server } from 'socket.io';
import type { ClientToServerEvents, FeedItem, ServerToClientEvents } from '$lib/realtime/events';

const io = new Server<ClientToServerEvents, ServerToClientEvents>({
	perMessageDeflate: false,
	serveClient: false,
	maxHttpBufferSize: 16 * 1024
});

let nextId = 1;
let count = 0;

const server = http.createServer((req, res) => {
	if (req.method !== 'POST' || !req.url?.startsWith('/broadcast')) {
		res.writeHead(404).end();
		return;
	}
	const url = new URL(req.url, 'http://localhost');
	const room = url.searchParams.get('room') ?? '';
	const eventId = Number(room.split(':')[1]);
	// The same fields, key order and value lengths as the app's item for a check-in: the masked
	// name is three characters (张*安) and `at` the row's ISO time.
	const item = {
		id: nextId++,
		room,
		type: 'event_attendance',
		payload: { eventId, memberName: '刘*0', count: ++count },
		at: new Date().toISOString()
	} as FeedItem;
	io.to(room).emit('feed', item);
	req.resume();
	res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: item.id }));
});

io.attach(server);
io.on('connection', (socket) => {
	socket.emit('welcome', { household: null });
	socket.on('join', (request, ack) => {
		if (typeof ack !== 'function') return;
		void socket.join(request.room);
		ack({ ok: true, room: request.room, items: [], lastId: 0, truncated: false });
	});
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening'));
process.on('SIGTERM', () => {
	io.close();
	server.close(() => process.exit(0));
});
