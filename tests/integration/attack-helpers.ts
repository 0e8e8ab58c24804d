/**
 * Shared by the attack-*.test.ts files: the demo villages in the test database, the demo
 * logins as viewers, real ids of 柳条村 objects for every kind of path parameter, minimal valid
 * request bodies built from the OpenAPI document, and a snapshot that tells whether a refused
 * call changed anything.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { RequestEvent } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { mount, type Endpoint } from '$lib/server/api/endpoint';
import { buildOpenApi } from '$lib/server/api/openapi';
import { issueApiToken } from '$lib/server/auth/tokens';
import { loadViewer, type Viewer } from '$lib/server/auth/viewer';
import { db, sqlite } from '$lib/server/db';
import { users } from '$lib/server/db/schema';
import { seedDemoIfEmpty } from '$lib/server/demo/seed-demo';
import { mountUpload } from '$lib/server/import/upload';

export const ROLE_PHONES = {
	townAdmin: '13800000000',
	committee: '13800000001',
	shopkeeper: '13800000002',
	teamLeader: '13800000003',
	groupLeader: '13800000004',
	householdHead: '13800000005',
	majiaCommittee: '13800000011'
} as const;
export type RoleName = keyof typeof ROLE_PHONES;

/** Seeds the demo villages into this file's fresh database (setup-db.ts turns seeding off). */
export async function seedDemoVillages(): Promise<void> {
	process.env.SEED_DEMO = 'true';
	try {
		if (!(await seedDemoIfEmpty())) throw new Error('demo seed did not run on a fresh database');
	} finally {
		process.env.SEED_DEMO = 'false';
	}
}

export function viewerOf(phone: string): Viewer {
	const user = db.select().from(users).where(eq(users.phone, phone)).get();
	if (!user) throw new Error(`no demo user ${phone}`);
	return loadViewer(user);
}

/** Row counts of every table plus the households' balance sum: equal snapshots = nothing changed. */
export function snapshot(): Record<string, number> {
	const tables = sqlite
		.prepare(
			"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name"
		)
		.all() as { name: string }[];
	const out: Record<string, number> = {};
	for (const { name } of tables) {
		out[name] = (sqlite.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n;
	}
	out['households.balance'] = (
		sqlite.prepare('SELECT coalesce(sum(balance), 0) AS n FROM households').get() as { n: number }
	).n;
	return out;
}

const one = (query: string, ...args: unknown[]): string | null => {
	const row = sqlite.prepare(query).get(...args) as { v: number | string } | undefined;
	return row === undefined || row.v === null ? null : String(row.v);
};

/**
 * Real ids of 柳条村 objects, keyed by the path prefix an `{id}` follows. null = the demo has
 * no object of that kind (the matrix then skips the operation and says why).
 */
export type Ids = {
	village: string;
	byPrefix: Record<string, string | null>;
	named: Record<string, string | null>;
};

export function resolveIds(): Ids {
	const village = one("SELECT id AS v FROM villages WHERE code = 'liutiao'");
	if (!village) throw new Error('no 柳条村');
	const inVillage = (table: string) =>
		one(`SELECT id AS v FROM ${table} WHERE village_id = ? ORDER BY id LIMIT 1`, village);
	const committee = viewerOf(ROLE_PHONES.committee);
	// A token of 柳条村's committee member, so DELETE /auth/tokens/{id} has someone else's token.
	const token = String(issueApiToken(committee.userId, committee.villageId, 'attack').id);
	const household = one(
		"SELECT h.id AS v FROM households h JOIN members m ON m.household_id = h.id JOIN users u ON u.member_id = m.id WHERE u.phone = '13800000005'"
	);
	const member = one(
		'SELECT id AS v FROM members WHERE village_id = ? AND household_id = ? ORDER BY id LIMIT 1',
		village,
		household
	);
	const byPrefix: Record<string, string | null> = {
		'/accounts': one("SELECT id AS v FROM users WHERE phone = '13800000005'"),
		'/auth/tokens': token,
		'/events': inVillage('events'),
		'/villages': village,
		'/households': household,
		'/members': member,
		'/groups': inVillage('ten_groups'),
		// Import previews live only between an upload and its confirmation; the demo has none.
		'/import': null,
		'/ledger/entries': inVillage('ledger_entries'),
		'/slips': inVillage('deposit_slips'),
		'/objections': inVillage('slip_objections'),
		'/polls': inVillage('polls'),
		'/rules/versions': inVillage('rule_versions'),
		'/rules/items': inVillage('rules'),
		'/shop/items': inVillage('shop_items'),
		'/shop/stocktakes': inVillage('stock_counts'),
		'/shop/orders': inVillage('shop_orders'),
		'/teams': inVillage('volunteer_teams'),
		'/service-records': inVillage('service_records'),
		'/care/follow-ups': inVillage('care_visits'),
		'/plaques': one('SELECT plaque_token AS v FROM households WHERE id = ?', household),
		'/certificates': one(
			'SELECT number AS v FROM volunteer_certificates WHERE village_id = ? LIMIT 1',
			village
		)
	};
	const named: Record<string, string | null> = {
		memberId: member,
		role: 'shopkeeper',
		householdId: household,
		villageId: village,
		itemId: byPrefix['/shop/items']!,
		teamId: byPrefix['/teams']!,
		groupId: byPrefix['/groups']!,
		ruleId: one(
			"SELECT r.id AS v FROM rules r JOIN rule_versions v ON v.id = r.version_id WHERE v.village_id = ? AND v.status = 'published' LIMIT 1",
			village
		),
		eventId: byPrefix['/events']!,
		pollId: byPrefix['/polls']!,
		slipId: byPrefix['/slips']!,
		orderId: byPrefix['/shop/orders']!,
		optionId: one('SELECT id AS v FROM poll_options WHERE poll_id = ? LIMIT 1', byPrefix['/polls'])
	};
	return { village, byPrefix, named };
}

const today = () => new Date().toISOString().slice(0, 10);
const inAWeek = () => new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString();

/**
 * Request bodies the generic generator can't guess (cross-field rules, lists that must be
 * non-empty or ascending), merged over the generated minimal body.
 */
export function bodyOverrides(ids: Ids): Record<string, Record<string, unknown>> {
	const memberId = Number(ids.named.memberId);
	const householdId = Number(ids.named.householdId);
	return {
		'POST /events': {
			startsAt: inAWeek(),
			endsAt: new Date(Date.now() + 8 * 24 * 3600 * 1000).toISOString(),
			checkInOpensAt: inAWeek(),
			checkInClosesAt: new Date(Date.now() + 8 * 24 * 3600 * 1000).toISOString()
		},
		'POST /inspections': { occurredOn: today(), householdIds: [householdId] },
		'POST /polls': { closesAt: inAWeek(), options: ['同意', '反对'] },
		'POST /slips': { occurredOn: today() },
		'POST /slips/helped': { occurredOn: today() },
		'POST /teams/{id}/activities': {
			serviceDate: today(),
			attendees: [{ memberId, halfHours: 1 }]
		},
		'POST /teams/{id}/records': { serviceDate: today() },
		'PUT /volunteer-settings': { thresholds: [10, 20, 30, 40, 50] },
		'POST /shop/orders': { lines: [{ itemId: Number(ids.named.itemId), quantity: 1 }] }
	};
}

/** The path parameters for an operation, or why it can't be called with a real id. */
export function pathParams(def: Endpoint, ids: Ids): Record<string, string> | { skip: string } {
	const params: Record<string, string> = {};
	for (const match of def.path.matchAll(/\{(\w+)\}/g)) {
		const name = match[1]!;
		const at = def.path.indexOf(match[0]);
		const value =
			name === 'id' || name === 'token' || name === 'number'
				? ids.byPrefix[
						Object.keys(ids.byPrefix)
							.filter((p) => def.path.slice(0, at - 1) === p)
							.at(0) ?? ''
					]
				: ids.named[name];
		if (value === undefined) return { skip: `no resolver for {${name}} in ${def.path}` };
		if (value === null) return { skip: `the demo has no object for {${name}} in ${def.path}` };
		params[name] = value;
	}
	return params;
}

type Schema = {
	type?: string | string[];
	properties?: Record<string, Schema>;
	required?: string[];
	items?: Schema;
	minItems?: number;
	minLength?: number;
	maxLength?: number;
	minimum?: number;
	exclusiveMinimum?: number;
	maximum?: number;
	enum?: unknown[];
	const?: unknown;
	anyOf?: Schema[];
	oneOf?: Schema[];
	format?: string;
	pattern?: string;
	default?: unknown;
};

const doc = buildOpenApi('http://localhost');

/** The request body's JSON schema, as published in openapi.json. */
export function bodySchema(def: Endpoint): Schema | null {
	const op = doc.paths[def.path]?.[def.method.toLowerCase()] as
		{ requestBody?: { content: { 'application/json': { schema: Schema } } } } | undefined;
	return op?.requestBody?.content['application/json'].schema ?? null;
}

/** Operations as the OpenAPI document lists them, matched back to their definitions. */
export function operations(endpoints: Endpoint[]): Endpoint[] {
	const out: Endpoint[] = [];
	for (const [path, ops] of Object.entries(doc.paths)) {
		for (const method of Object.keys(ops)) {
			const def = endpoints.find((e) => e.path === path && e.method.toLowerCase() === method);
			if (!def) throw new Error(`${method} ${path} documented but not defined`);
			out.push(def);
		}
	}
	return out;
}

/** Values for the regex-checked strings of the API: phones, dates, pickup codes, village codes. */
const PATTERNS: Record<string, string> = {
	'^1\\d{10}$': '13900000099',
	'^\\d{4}-\\d{2}-\\d{2}$': '2026-06-01',
	'^\\d{6}$': '123456',
	'^[a-z][a-z0-9-]{1,30}$': 'attackvillage'
};

/** A small value the schema accepts, with real 柳条村 ids for `…Id` fields. */
export function minimalValue(schema: Schema, ids: Ids, name = ''): unknown {
	if (schema.const !== undefined) return schema.const;
	if (schema.enum) return schema.enum[0];
	if (schema.default !== undefined) return schema.default;
	const alt = schema.anyOf ?? schema.oneOf;
	if (alt) return minimalValue(alt.find((s) => s.type !== 'null') ?? alt[0]!, ids, name);
	const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
	switch (type) {
		case 'object': {
			const out: Record<string, unknown> = {};
			for (const key of schema.required ?? []) {
				out[key] = minimalValue(schema.properties?.[key] ?? {}, ids, key);
			}
			return out;
		}
		case 'array':
			return Array.from({ length: schema.minItems ?? 0 }, () =>
				minimalValue(schema.items ?? {}, ids, name.replace(/s$/, ''))
			);
		case 'integer':
		case 'number': {
			const id = ids.named[name];
			if (id) return Number(id);
			const min = schema.minimum ?? (schema.exclusiveMinimum ?? 0) + 1;
			return Math.min(Math.max(min, 1), schema.maximum ?? Infinity);
		}
		case 'boolean':
			return false;
		case 'string': {
			if (schema.format === 'date') return '2026-06-01';
			if (schema.format === 'date-time' || /At$/.test(name)) return '2026-06-01T08:00:00.000Z';
			const id = ids.named[name];
			if (id) return id;
			if (schema.pattern && PATTERNS[schema.pattern]) return PATTERNS[schema.pattern];
			return '测试'
				.padEnd(Math.max(schema.minLength ?? 1, 2), '试')
				.slice(0, schema.maxLength ?? 99);
		}
		default:
			return /At$/.test(name) ? '2026-06-01T08:00:00.000Z' : 'x';
	}
}

/** Routes mounted with mountUpload: the body is a file, not JSON. */
const UPLOADS = new Set(
	(function walk(dir: string): string[] {
		return readdirSync(dir).flatMap((name) => {
			const full = join(dir, name);
			if (statSync(full).isDirectory()) return walk(full);
			if (name !== '+server.ts' || !readFileSync(full, 'utf8').includes('mountUpload')) return [];
			return ['/' + relative('src/routes/api/v1', dir).split(sep).join('/')];
		});
	})('src/routes/api/v1')
);

export const isUpload = (def: Endpoint) => UPLOADS.has(def.path);

/** Calls an operation as its route file mounts it. */
export async function callOperation(
	def: Endpoint,
	options: {
		viewer: Viewer | null;
		params?: Record<string, string>;
		body?: unknown;
		rawBody?: string;
		uploadBody?: BodyInit;
		contentType?: string;
	}
): Promise<{ status: number; body: { error?: { code: string; message: string } } | null }> {
	const url = new URL(`http://localhost/api/v1${def.path}`);
	const upload = isUpload(def);
	const body =
		def.method === 'GET'
			? undefined
			: upload
				? (options.uploadBody ?? 'not a file')
				: (options.rawBody ?? JSON.stringify(options.body ?? {}));
	const contentType =
		options.contentType ?? (upload ? 'application/octet-stream' : 'application/json');
	const event = {
		request: new Request(url, {
			method: def.method,
			headers: { 'content-type': contentType },
			body
		}),
		url,
		params: options.params ?? {},
		locals: { viewer: options.viewer, user: null, session: null, actingFor: null, careMode: false },
		getClientAddress: () => '127.0.0.1'
	} as unknown as RequestEvent;
	const res = await (upload ? mountUpload(def) : mount(def))(event as never);
	const text = await res.text();
	let parsed = null;
	try {
		parsed = text ? JSON.parse(text) : null;
	} catch {
		// A file download (xlsx/csv export): only its status matters here.
	}
	return { status: res.status, body: parsed };
}

/** Chinese characters: an error message meant for a villager. */
export const CJK = /[\u4e00-\u9fff]/;

/** A body the endpoint's own schema should accept, so a call reaches the authorization check. */
export function validBody(def: Endpoint, ids: Ids): unknown {
	const schema = bodySchema(def);
	if (!schema) return undefined;
	const generated = minimalValue(schema, ids) as Record<string, unknown>;
	return { ...generated, ...bodyOverrides(ids)[`${def.method} ${def.path}`] };
}

/**
 * The demo seeds no slips, polls, orders, stocktakes or service records: make one of each in
 * 柳条村 through the API as the role that would, so the matrix has real ids for them.
 */
export async function createFixtures(endpoints: Endpoint[], ids: Ids): Promise<string[]> {
	const failures: string[] = [];
	const find = (method: string, path: string) => {
		const def = endpoints.find((e) => e.method === method && e.path === path);
		if (!def) throw new Error(`no ${method} ${path}`);
		return def;
	};
	const make = async (role: RoleName, method: string, path: string, extra: object = {}) => {
		const def = find(method, path);
		const params = pathParams(def, ids);
		if ('skip' in params) return failures.push(`${method} ${path}: ${params.skip}`);
		const body = { ...(validBody(def, ids) as object), ...extra };
		const res = await callOperation(def, { viewer: viewerOf(ROLE_PHONES[role]), params, body });
		if (res.status >= 300)
			failures.push(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
	};
	await make('householdHead', 'POST', '/slips');
	await make('committee', 'POST', '/polls', { title: '修路投票' });
	await make('householdHead', 'POST', '/shop/orders');
	await make('shopkeeper', 'POST', '/shop/stocktakes', { reason: '盘点' });
	await make('teamLeader', 'POST', '/teams/{id}/records', { content: '打扫', halfHours: 1 });
	await make('committee', 'POST', '/certificates');
	if (endpoints.some((e) => e.path === '/care/visits' && e.method === 'POST')) {
		const elder = one(
			"SELECT id AS v FROM members WHERE village_id = ? AND care_tags != '[]' LIMIT 1",
			ids.village
		);
		await make('committee', 'POST', '/care/visits', {
			elderMemberId: Number(elder),
			followUp: true,
			followUpNote: '下周再去看看'
		});
	}
	return failures;
}
