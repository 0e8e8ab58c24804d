/**
 * Bad input for every endpoint with a JSON body, generated with fast-check from the endpoint's
 * own valid body: wrong types, missing fields, 100k-character strings, negative, fractional and
 * huge numbers, unknown ids, and malformed JSON. The answer is always a 4xx JSON error with a
 * message in Chinese, never a 5xx, and a refused call changes nothing in the database.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Endpoint } from '$lib/server/api/endpoint';
import { endpoints } from '$lib/server/api/registry';
import type { Viewer } from '$lib/server/auth/viewer';
import {
	bodySchema,
	callOperation,
	CJK,
	createFixtures,
	isUpload,
	operations,
	pathParams,
	resolveIds,
	ROLE_PHONES,
	seedDemoVillages,
	snapshot,
	validBody,
	viewerOf,
	type Ids
} from './attack-helpers';

/** Runs per endpoint: enough to hit every kind of mutation, few enough to keep the suite fast. */
const RUNS = 25;
const HUGE = '村'.repeat(100_000);
const BAD_NUMBERS = [-1, -1000, 0.5, 1.5, -0.25, 1e15, 2 ** 53 + 2, 1e308, -1e308];
const UNKNOWN_ID = 987_654;

let ids: Ids;
let committee: Viewer;
let targets: { def: Endpoint; params: Record<string, string>; valid: Record<string, unknown> }[];

// Seeding hashes passwords and writes two villages: slow on a busy machine.
beforeAll(async () => {
	await seedDemoVillages();
	await createFixtures(endpoints, resolveIds());
	ids = resolveIds();
	committee = viewerOf(ROLE_PHONES.committee);
	targets = operations(endpoints)
		.filter((def) => def.body && !isUpload(def))
		.flatMap((def) => {
			const params = pathParams(def, ids);
			if ('skip' in params) return [];
			return [{ def, params, valid: validBody(def, ids) as Record<string, unknown> }];
		});
}, 60_000);

/** Mutations of a valid body, each one of the kinds of bad input. */
function badBodies(def: Endpoint, valid: Record<string, unknown>): fc.Arbitrary<unknown> {
	const schema = bodySchema(def)!;
	const props = Object.keys(schema.properties ?? {});
	const required = schema.required ?? [];
	const numeric = props.filter((p) => {
		const t = schema.properties?.[p]?.type;
		return t === 'integer' || t === 'number' || typeof valid[p] === 'number';
	});
	const idFields = props.filter((p) => /Ids?$/.test(p));
	const set = (key: string, value: unknown) => ({ ...valid, [key]: value });
	const kinds: fc.Arbitrary<unknown>[] = [
		// The whole body of the wrong shape.
		fc.constantFrom<unknown>([], null, 'text', 42, true, [valid]),
		// Unknown fields only: the known ones are all missing.
		fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 })
	];
	if (props.length > 0) {
		kinds.push(
			fc
				.tuple(
					fc.constantFrom(...props),
					fc.oneof(
						fc.integer(),
						fc.boolean(),
						fc.constant(null),
						fc.array(fc.integer(), { maxLength: 3 }),
						fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2 }),
						fc.string({ maxLength: 6 })
					)
				)
				.map(([key, value]) => set(key, value)),
			fc.constantFrom(...props).map((key) => set(key, HUGE))
		);
	}
	if (required.length > 0) {
		kinds.push(
			fc.constantFrom(...required).map((key) => {
				const copy = { ...valid };
				delete copy[key];
				return copy;
			})
		);
	}
	if (numeric.length > 0) {
		kinds.push(
			fc
				.tuple(fc.constantFrom(...numeric), fc.constantFrom(...BAD_NUMBERS))
				.map(([key, value]) => set(key, value))
		);
	}
	if (idFields.length > 0) {
		kinds.push(
			fc
				.constantFrom(...idFields)
				.map((key) => set(key, Array.isArray(valid[key]) ? [UNKNOWN_ID] : UNKNOWN_ID))
		);
	}
	return fc.oneof(...kinds);
}

type Failure = { op: string; body: string; status: number; error?: unknown; changed: boolean };

async function probe(
	def: Endpoint,
	params: Record<string, string>,
	input: { body?: unknown; rawBody?: string }
): Promise<Failure | null> {
	const before = JSON.stringify(snapshot());
	const res = await callOperation(def, { viewer: committee, params, ...input });
	const changed = JSON.stringify(snapshot()) !== before;
	// The API reads a JSON null body as {} (mount in endpoint.ts): an empty PATCH is valid.
	const accepted =
		input.rawBody === undefined &&
		def.body!.safeParse(input.body ?? {}).success &&
		res.status < 300;
	const error = res.body?.error;
	const ok = accepted
		? // A mutation the schema takes (e.g. "5" for 5, an unknown field) may simply succeed.
			true
		: res.status >= 400 &&
			res.status < 500 &&
			typeof error?.code === 'string' &&
			typeof error.message === 'string' &&
			CJK.test(error.message) &&
			!changed;
	if (ok && res.status < 500) return null;
	return {
		op: `${def.method} ${def.path}`,
		body: (input.rawBody ?? JSON.stringify(input.body)).slice(0, 200),
		status: res.status,
		error,
		changed
	};
}

describe('bad input on every JSON endpoint', () => {
	it('covers the endpoints with a body', () => {
		expect.hasAssertions();
		expect(targets.length).toBeGreaterThan(40);
	});

	it('generated bad bodies: a 4xx JSON error in Chinese, never a 5xx, nothing changed', async () => {
		expect.hasAssertions();
		const failures: Failure[] = [];
		for (const { def, params, valid } of targets) {
			// fc.check rather than fc.assert: collect the failures of every endpoint, then show them all.
			await fc.check(
				fc.asyncProperty(badBodies(def, valid), async (body) => {
					const failure = await probe(def, params, { body });
					if (failure) failures.push(failure);
					return failure === null;
				}),
				{ numRuns: RUNS, seed: 20261201, endOnFailure: true }
			);
		}
		expect(failures).toEqual([]);
	}, 120_000);

	it('malformed JSON: 400 with a Chinese message, nothing changed', async () => {
		expect.hasAssertions();
		const failures: Failure[] = [];
		const raw = ['{', '{"a":', 'nul', '[1,2', "{'a':1}", '{"a":1}}', '\u0000', '{"a":"\\x"}'];
		for (const { def, params } of targets) {
			for (const rawBody of raw) {
				const failure = await probe(def, params, { rawBody });
				if (failure) failures.push(failure);
			}
		}
		expect(failures).toEqual([]);
	});
});

describe('POST /photos', () => {
	const upload = endpoints.find((e) => e.method === 'POST' && e.path === '/photos')!;

	it('refuses a non-image and an oversized body with a 4xx, storing nothing', async () => {
		expect.hasAssertions();
		const viewer = viewerOf(ROLE_PHONES.householdHead);
		const before = snapshot();
		const text = await callOperation(upload, {
			viewer,
			uploadBody: '<?php echo 1; ?>',
			contentType: 'image/jpeg'
		});
		expect([text.status, text.body?.error?.code]).toEqual([422, 'photo_invalid']);
		expect(text.body?.error?.message).toMatch(CJK);
		const html = await callOperation(upload, {
			viewer,
			uploadBody: '<html></html>',
			contentType: 'text/html'
		});
		expect(html.status).toBeGreaterThanOrEqual(400);
		expect(html.status).toBeLessThan(500);
		const big = await callOperation(upload, {
			viewer,
			uploadBody: new Uint8Array(10 * 1024 * 1024 + 1),
			contentType: 'image/jpeg'
		});
		expect([big.status, big.body?.error?.code]).toEqual([413, 'photo_too_large']);
		expect(big.body?.error?.message).toMatch(CJK);
		expect(snapshot()).toEqual(before);
	});
});
