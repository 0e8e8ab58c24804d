/**
 * The realtime contract shared by the server and the browser: room names, feed item types and
 * the Socket.IO event maps. Client-safe on purpose — no server imports, no runtime
 * dependencies — so components can import it freely.
 */

export const ROOM_KINDS = ['village', 'household', 'event', 'team', 'staff'] as const;
export type RoomKind = (typeof ROOM_KINDS)[number];
/** `village:<villageId>`, `household:<householdId>`, `event:<id>`, `team:<id>`, `staff:<villageId>`. */
export type RoomName = `${RoomKind}:${number}`;

export function roomName(kind: RoomKind, id: number): RoomName {
	return `${kind}:${id}`;
}

const ROOM_PATTERN = /^(village|household|event|team|staff):([1-9]\d{0,14})$/;

/** The room a client asked for, or null when the name is not one of ours. */
export function parseRoom(name: unknown): { kind: RoomKind; id: number; name: RoomName } | null {
	if (typeof name !== 'string') return null;
	const match = ROOM_PATTERN.exec(name);
	if (!match) return null;
	const kind = match[1] as RoomKind;
	const id = Number(match[2]);
	return { kind, id, name: roomName(kind, id) };
}

/**
 * What each feed item carries. The payload is stored in the feed row and sent as-is, so it
 * holds only what every member of the room may see: in `village:` rooms (public, anonymous
 * included) names are masked (张*安) and nothing private (phones, ID numbers, care tags,
 * assistance) ever appears. The server parses every payload with a strict zod schema before
 * the row is written (src/lib/server/realtime/payloads.ts).
 */
export type FeedPayloads = {
	/** The committee added a household. `headName` is masked, or null before a head is known. */
	household_joined: { number: string; headName: string | null };
	/** The household head allowed (or stopped) a member to act for the household. */
	household_actor_changed: { memberName: string; allowed: boolean };
	/** The committee gave an account of the village a role. */
	role_granted: { name: string; role: 'committee' | 'shopkeeper' | 'team_leader' };
	/** A deed went up on the 公示 notice board. `memberName` is masked. */
	slip_posted: { memberName: string; rule: string; points: number; noticeEndsAt: string };
	/** Points of a slip were credited to the household after its notice period (toast). */
	points_credited: { memberName: string; rule: string; points: number };
	/** Someone objected to one of the household's slips on the notice board. */
	objection_raised: { memberName: string; rule: string; points: number };
	/** The committee decided an objection to one of the household's slips. */
	objection_resolved: { memberName: string; rule: string; upheld: boolean };
	/** Points of the household will lapse on `cutoff` ("YYYY-MM-DD") under the expiry policy. */
	points_expiring: { points: number; cutoff: string };
	/** Points of the household lapsed under the village's expiry policy. */
	points_expired: { points: number };
	/** The committee published a new version of the rule book. */
	rules_published: { version: number; adoptedBy: string };
	/** A household ordered at the points supermarket (staff: the shop's to-do list). */
	order_placed: { orderId: number; number: string; points: number; pieces: number };
	/** An open order was handed over or cancelled (staff: it leaves the to-do list). */
	order_closed: { orderId: number; outcome: 'handed_over' | 'cancelled' };
	/** The household's order is waiting at the shop under `pickupCode`. */
	order_ready: { orderId: number; pickupCode: string; points: number };
	/** The household's order was handed over and its points posted. */
	order_handed_over: { orderId: number; points: number };
	/** The household's order was cancelled: points free again, goods back on the shelf. */
	order_cancelled: { orderId: number; points: number };
	/** The committee opened a poll (征求意见); `closesAt` is an ISO time. */
	poll_opened: { pollId: number; title: string; closesAt: string };
	/** A poll closed (early, or its closing time passed): its results are now public. */
	poll_closed: { pollId: number; title: string; households: number };
	/** The committee or a team published an event (睦邻活动); `startsAt` is an ISO time. */
	event_published: { eventId: number; title: string; type: string; startsAt: string };
	/** Someone checked in to an event (public: masked name, the event's new head count). */
	checked_in: { eventId: number; title: string; memberName: string; count: number };
	/** The same check-in in the event's own room (its page's live count). */
	event_attendance: { eventId: number; memberName: string; count: number };
	/** Sign-ups of the event changed: how many are signed up and waiting. */
	event_signups_changed: { eventId: number; signedUp: number; waitlisted: number };
	/** A member of the household moved up from the waitlist: they have a place now. */
	signup_promoted: { eventId: number; title: string; memberName: string };
	/** A volunteer reached a star level: on the notice board until `grantsAt`. `memberName` is masked. */
	star_level_announced: { memberName: string; level: number; hours: number; grantsAt: string };
};
export type FeedType = keyof FeedPayloads;

/** The one kind of room each feed type may be written to — a private type can't go public. */
export const FEED_ROOM_KIND = {
	household_joined: 'village',
	household_actor_changed: 'household',
	role_granted: 'staff',
	slip_posted: 'village',
	points_credited: 'household',
	objection_raised: 'household',
	objection_resolved: 'household',
	points_expiring: 'household',
	points_expired: 'household',
	rules_published: 'village',
	order_placed: 'staff',
	order_closed: 'staff',
	order_ready: 'household',
	order_handed_over: 'household',
	order_cancelled: 'household',
	poll_opened: 'village',
	poll_closed: 'village',
	event_published: 'village',
	checked_in: 'village',
	event_attendance: 'event',
	event_signups_changed: 'event',
	signup_promoted: 'household',
	star_level_announced: 'village'
} as const satisfies Record<FeedType, RoomKind>;

/** One persisted feed row as clients see it. `id` increases across the whole feed. */
export type FeedItem = {
	[T in FeedType]: { id: number; room: RoomName; type: T; payload: FeedPayloads[T]; at: string };
}[FeedType];

/** Why a join was refused, or a room or the connection was ended. */
export type RealtimeErrorCode =
	| 'bad_request'
	| 'unauthenticated'
	| 'forbidden'
	| 'not_found'
	/** A room kind whose module doesn't exist yet (event, team): refused, not faked. */
	| 'room_unavailable'
	/** Something broke on the server; the join can be tried again. */
	| 'internal';

export type JoinRequest = {
	room: RoomName;
	/**
	 * The last feed id this client has for the room (from the page's HTTP load or from earlier
	 * on this connection). Rows after it are sent back; without it the client starts from now.
	 */
	lastId?: number;
};

export type JoinResult =
	| {
			ok: true;
			room: RoomName;
			/** Missed rows in id order, at most the newest CATCH_UP_LIMIT of them. */
			items: FeedItem[];
			/** Continue from here: the newest id in `items`, or the room's newest id when empty. */
			lastId: number;
			/** True when more rows were missed than sent: the client's older items are stale. */
			truncated: boolean;
	  }
	| { ok: false; room: string; error: { code: RealtimeErrorCode; message: string } };

/** How many missed rows a join sends at most (a screen keeps far fewer). */
export const CATCH_UP_LIMIT = 200;

export type Welcome = {
	/** The user's own household room (toasts), or null for anonymous and staff-only accounts. */
	household: RoomName | null;
};

export interface ServerToClientEvents {
	/** Sent once per connection, after the handshake. */
	welcome: (welcome: Welcome) => void;
	/** A live feed row for a room this socket has joined. */
	feed: (item: FeedItem) => void;
	/** Several rows of one room, in id order, held together while the room was busy. */
	feed_batch: (items: FeedItem[]) => void;
	/** The server took the socket out of a room (the viewer lost the right to it). */
	left: (event: { room: RoomName; reason: RealtimeErrorCode }) => void;
}

export interface ClientToServerEvents {
	join: (request: JoinRequest, ack: (result: JoinResult) => void) => void;
	leave: (room: RoomName) => void;
}

/** `auth` of the handshake: API clients send a bearer token; browsers use the session cookie. */
export type HandshakeAuth = { token?: string };
