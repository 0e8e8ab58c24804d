import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RequestEvent } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import * as photosApi from '$lib/server/api/endpoints/photos';
import * as slipsApi from '$lib/server/api/endpoints/slips';
import { loadViewer, type Viewer } from '$lib/server/auth/viewer';
import { databasePath, db } from '$lib/server/db';
import { depositSlips } from '$lib/server/db/schema';
import { DomainError, type ErrorCode } from '$lib/server/errors';
import { mountUpload } from '$lib/server/import/upload';
import { pruneUnusedPhotos } from '$lib/server/photos/prune-unused-photos';
import { readPhoto } from '$lib/server/photos/read-photo';
import { storePhoto } from '$lib/server/photos/store-photo';
import { photoPath, uploadsDir } from '$lib/server/photos/uploads-dir';
import { withStoredPhoto } from '$lib/server/photos/with-stored-photo';
import { approveSlip } from '$lib/server/slips/approve-slip';
import { checkSlip } from '$lib/server/slips/check-slip';
import { listNotice } from '$lib/server/slips/list-notice';
import { listSlips } from '$lib/server/slips/list-slips';
import { rejectSlip } from '$lib/server/slips/reject-slip';
import { reportSlip } from '$lib/server/slips/report-slip';
import { GET as servePhoto } from '../../src/routes/photos/[key]/+server';
import { makeUser } from '../factories';
import { callEndpoint } from './api-helpers';
import { addPhotoRule, smallJpeg } from './photo-helpers';
import { makeSlipWorld, type SlipWorld } from './slips-helpers';

/** A phone photo: 3000×2000 pixels stored sideways (EXIF orientation 6), with GPS position. */
async function phonePhoto(): Promise<Buffer> {
	return sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#3a7a4f' } })
		.withMetadata({ orientation: 6 })
		.withExifMerge({
			IFD0: { Make: 'TestPhone' },
			IFD3: {
				GPSLatitudeRef: 'N',
				GPSLatitude: '30/1 15/1 0/1',
				GPSLongitudeRef: 'E',
				GPSLongitude: '120/1 10/1 0/1',
				GPSMapDatum: 'WGS-84'
			}
		})
		.jpeg()
		.toBuffer();
}

const files = () => (existsSync(uploadsDir()) ? readdirSync(uploadsDir()).sort() : []);

async function refusedAsync(code: ErrorCode, fn: () => Promise<unknown>): Promise<DomainError> {
	let caught: unknown;
	try {
		await fn();
	} catch (e) {
		caught = e;
	}
	expect(caught).toBeInstanceOf(DomainError);
	expect((caught as DomainError).code).toBe(code);
	return caught as DomainError;
}

function refused(code: ErrorCode, fn: () => unknown): DomainError {
	let caught: unknown;
	try {
		fn();
	} catch (e) {
		caught = e;
	}
	expect(caught).toBeInstanceOf(DomainError);
	expect((caught as DomainError).code).toBe(code);
	return caught as DomainError;
}

const deed = (w: SlipWorld, ruleId = w.rules.help.id) => ({
	memberId: w.home.head.id,
	ruleId,
	occurredOn: '2026-05-08'
});

async function slipWithPhoto(w: SlipWorld) {
	return withStoredPhoto(await smallJpeg(), (photoKey) =>
		reportSlip(w.home.viewer, deed(w), { photoKey })
	);
}

describe('storing a photo', () => {
	it('turns it upright, fits it in 1280×1280 and drops EXIF with the GPS position', async () => {
		const original = await phonePhoto();
		// The fixture really carries what must go.
		const before = await sharp(original).metadata();
		expect(before.orientation).toBe(6);
		expect(before.exif?.toString('latin1')).toContain('WGS-84');

		const key = await storePhoto(original);
		expect(key).toMatch(/^[a-z2-7]{26}\.jpg$/);
		// Beside the database (a test's temporary one), unless UPLOADS_DIR says otherwise.
		expect(dirname(photoPath(key))).toBe(`${dirname(databasePath())}/uploads`);
		const stored = readFileSync(photoPath(key));
		const after = await sharp(stored).metadata();
		expect(after.format).toBe('jpeg');
		// 3000×2000 turned a quarter: 2000×3000, fitted into 1280×1280.
		expect([after.width, after.height]).toEqual([853, 1280]);
		expect(after.exif).toBeUndefined();
		expect(after.orientation).toBeUndefined();
		expect(after.xmp).toBeUndefined();
		expect(stored.toString('latin1')).not.toContain('WGS-84');
		expect(stored.toString('latin1')).not.toContain('TestPhone');

		const thumb = await sharp(readFileSync(photoPath(key, 'thumb'))).metadata();
		expect([thumb.width, thumb.height]).toEqual([160, 240]);
		expect(thumb.exif).toBeUndefined();
	});

	it('takes PNG (transparency on white) and WebP, and does not enlarge small photos', async () => {
		const png = await sharp({
			create: { width: 300, height: 200, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } }
		})
			.png()
			.toBuffer();
		const fromPng = await sharp(readFileSync(photoPath(await storePhoto(png)))).stats();
		expect(fromPng.channels.slice(0, 3).map((c) => Math.round(c.mean))).toEqual([255, 255, 255]);
		const webp = await sharp({
			create: { width: 300, height: 200, channels: 3, background: '#123456' }
		})
			.webp()
			.toBuffer();
		const fromWebp = await sharp(readFileSync(photoPath(await storePhoto(webp)))).metadata();
		expect([fromWebp.format, fromWebp.width, fromWebp.height]).toEqual(['jpeg', 300, 200]);
	});

	it('refuses a photo over 10 MB, or what is not a JPEG/PNG/WebP picture, writing nothing', async () => {
		const before = files();
		await refusedAsync('photo_too_large', () => storePhoto(new Uint8Array(10 * 1024 * 1024 + 1)));
		await refusedAsync('photo_invalid', () => storePhoto(new TextEncoder().encode('not a photo')));
		await refusedAsync('photo_invalid', () => storePhoto(new Uint8Array(0)));
		const svg = new TextEncoder().encode(
			'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'
		);
		await refusedAsync('photo_invalid', () => storePhoto(svg));
		const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
			.gif()
			.toBuffer();
		await refusedAsync('photo_invalid', () => storePhoto(gif));
		// A truncated JPEG is not a photo either.
		const jpeg = await phonePhoto();
		await refusedAsync('photo_invalid', () => storePhoto(jpeg.subarray(0, jpeg.length / 3)));
		expect(files()).toEqual(before);
	});

	it('a form’s empty file input is no photo; a file over 10 MB is refused unread', async () => {
		const before = files();
		expect(await withStoredPhoto(new File([], ''), (key) => key)).toBeNull();
		expect(await withStoredPhoto(null, (key) => key)).toBeNull();
		await refusedAsync('photo_too_large', () =>
			withStoredPhoto(new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'big.jpg'), () => 1)
		);
		await refusedAsync('photo_invalid', () => withStoredPhoto('some text', () => 1));
		expect(files()).toEqual(before);
	});
});

describe('photo evidence on a slip', () => {
	it('is refused when the rule asks for a photo and none is given; kept with the slip', async () => {
		const w = makeSlipWorld();
		const ruleId = addPhotoRule(w);
		const e = refused('photo_required', () => reportSlip(w.home.viewer, deed(w, ruleId)));
		expect(e.details).toMatchObject({ fieldErrors: { photo: expect.any(String) } });
		expect(
			db.select().from(depositSlips).where(eq(depositSlips.villageId, w.village.id)).all()
		).toEqual([]);

		const slip = await withStoredPhoto(await smallJpeg(), (photoKey) =>
			reportSlip(w.home.viewer, deed(w, ruleId), { photoKey })
		);
		expect(slip.photoKey).toMatch(/^[a-z2-7]{26}\.jpg$/);
		expect(existsSync(photoPath(slip.photoKey!))).toBe(true);
		// Rules without the requirement still take a photo when there is one.
		expect((await slipWithPhoto(w)).photoKey).not.toBeNull();
		// The committee's review list carries the key for the thumbnail.
		expect(
			listSlips(w.committee, { scope: 'village' }).find((s) => s.id === slip.id)?.photoKey
		).toBe(slip.photoKey);
	});

	it('a refused report leaves no file behind', async () => {
		const w = makeSlipWorld();
		const before = files();
		// Not allowed to report for another household.
		await refusedAsync('forbidden', async () =>
			withStoredPhoto(await smallJpeg(), (photoKey) =>
				reportSlip(w.home.viewer, { ...deed(w), memberId: w.neighbour.head.id }, { photoKey })
			)
		);
		// Refused inside the transaction (a rule not in the current book).
		await refusedAsync('rule_not_current', async () =>
			withStoredPhoto(await smallJpeg(), (photoKey) =>
				reportSlip(w.home.viewer, { ...deed(w), ruleId: 999_999 }, { photoKey })
			)
		);
		expect(files()).toEqual(before);
	});

	it('a photo key must name a stored photo no other slip cites', async () => {
		const w = makeSlipWorld();
		const first = await slipWithPhoto(w);
		refused('photo_invalid', () =>
			reportSlip(w.home.viewer, deed(w), { photoKey: first.photoKey })
		);
		refused('photo_invalid', () =>
			reportSlip(w.home.viewer, deed(w), { photoKey: 'aaaaaaaaaaaaaaaaaaaaaaaaaa.jpg' })
		);
		refused('photo_invalid', () =>
			reportSlip(w.home.viewer, deed(w), { photoKey: '../../etc/passwd' })
		);
	});
});

describe('who sees a photo', () => {
	const outsider = () => {
		const w2 = makeSlipWorld();
		return w2.committee;
	};

	it('before 公示: the household, its 十户长 and the committee; others get not_found', async () => {
		const w = makeSlipWorld();
		const slip = await slipWithPhoto(w);
		const key = slip.photoKey!;
		for (const viewer of [w.home.viewer, w.leader, w.committee, w.committee2]) {
			const photo = await readPhoto(viewer, key);
			expect(photo.isPublic).toBe(false);
			expect((await sharp(photo.bytes).metadata()).format).toBe('jpeg');
		}
		expect((await readPhoto(w.home.viewer, key, 'thumb')).bytes.length).toBeGreaterThan(0);
		for (const viewer of [w.neighbour.viewer, null, outsider()]) {
			await refusedAsync('not_found', () => readPhoto(viewer, key));
		}
	});

	it('public once posted on the notice board; private again when rejected', async () => {
		const w = makeSlipWorld();
		const slip = await slipWithPhoto(w);
		checkSlip(w.leader, slip.id);
		approveSlip(w.committee, slip.id);
		for (const viewer of [null, w.neighbour.viewer, outsider()]) {
			expect((await readPhoto(viewer, slip.photoKey!)).isPublic).toBe(true);
		}
		expect(listNotice(w.village.code).items.find((i) => i.id === slip.id)?.photoKey).toBe(
			slip.photoKey
		);

		const rejected = await slipWithPhoto(w);
		rejectSlip(w.committee, rejected.id, { reason: '照片看不清' });
		await refusedAsync('not_found', () => readPhoto(null, rejected.photoKey!));
		expect((await readPhoto(w.home.viewer, rejected.photoKey!)).isPublic).toBe(false);
	});

	it('keys that are not a slip’s, or not keys at all, are not found', async () => {
		const w = makeSlipWorld();
		const loose = await storePhoto(await smallJpeg());
		await refusedAsync('not_found', () => readPhoto(w.committee, loose));
		for (const key of ['../test.db', '..%2Ftest.db', 'test.db', `${loose}/../x`, '']) {
			await refusedAsync('not_found', () => readPhoto(w.committee, key));
		}
	});

	it('the /photos/<key> route: public caching when posted, private before, 404 otherwise', async () => {
		const w = makeSlipWorld();
		const get = (key: string, viewer: Viewer | null, query = '') =>
			servePhoto({
				params: { key },
				url: new URL(`http://localhost/photos/${key}${query}`),
				locals: { viewer }
			} as unknown as Parameters<typeof servePhoto>[0]);
		const slip = await slipWithPhoto(w);
		const own = await get(slip.photoKey!, w.home.viewer);
		expect(own.status).toBe(200);
		expect(own.headers.get('content-type')).toBe('image/jpeg');
		expect(own.headers.get('cache-control')).toMatch(/^private/);
		expect((await get(slip.photoKey!, null)).status).toBe(404);
		expect((await get('../test.db', w.committee)).status).toBe(404);

		checkSlip(w.leader, slip.id);
		approveSlip(w.committee, slip.id);
		const open = await get(slip.photoKey!, null, '?size=thumb');
		expect(open.status).toBe(200);
		expect(open.headers.get('cache-control')).toMatch(/^public/);
		const thumb = await sharp(new Uint8Array(await open.arrayBuffer())).metadata();
		expect(Math.max(thumb.width!, thumb.height!)).toBeLessThanOrEqual(240);
	});
});

/** Calls an upload endpoint as mountUpload mounts it, with the raw body given. */
async function upload(viewer: Viewer | null, body: BodyInit, type?: string) {
	const url = new URL('http://localhost/api/v1/photos');
	const headers: Record<string, string> = type ? { 'content-type': type } : {};
	const event = {
		request: new Request(url, { method: 'POST', headers, body }),
		url,
		params: {},
		locals: { viewer, user: null, session: null, actingFor: null, careMode: false },
		getClientAddress: () => '127.0.0.1'
	} as unknown as RequestEvent;
	const res = await mountUpload(photosApi.uploadPhotoEndpoint)(event as never);
	return { status: res.status, body: await res.json() };
}

describe('the API: POST /photos, then photoKey with POST /slips', () => {
	it('uploads a photo, cites it in an idempotent report, and refuses it a second time', async () => {
		const w = makeSlipWorld();
		const ruleId = addPhotoRule(w);
		const up = await upload(w.home.viewer, new Uint8Array(await phonePhoto()), 'image/jpeg');
		expect(up.status).toBe(201);
		const { photoKey } = up.body;
		expect(photoKey).toMatch(/^[a-z2-7]{26}\.jpg$/);
		expect((await sharp(readFileSync(photoPath(photoKey))).metadata()).exif).toBeUndefined();

		const missing = await callEndpoint(slipsApi.reportSlipEndpoint, {
			viewer: w.home.viewer,
			body: deed(w, ruleId)
		});
		expect([missing.status, missing.body.error.code]).toEqual([422, 'photo_required']);

		const headers = { 'idempotency-key': 'photo-slip-1' };
		const body = { ...deed(w, ruleId), photoKey };
		const first = await callEndpoint(slipsApi.reportSlipEndpoint, {
			viewer: w.home.viewer,
			body,
			headers
		});
		expect(first.status).toBe(201);
		expect(first.body.photoKey).toBe(photoKey);
		const replay = await callEndpoint(slipsApi.reportSlipEndpoint, {
			viewer: w.home.viewer,
			body,
			headers
		});
		expect(replay.headers.get('idempotent-replayed')).toBe('true');
		expect(replay.body.id).toBe(first.body.id);
		// The same photo can't back a second slip.
		const again = await callEndpoint(slipsApi.reportSlipEndpoint, {
			viewer: w.home.viewer,
			body: { ...deed(w), photoKey }
		});
		expect([again.status, again.body.error.code]).toEqual([422, 'photo_invalid']);
		const bad = await callEndpoint(slipsApi.reportSlipEndpoint, {
			viewer: w.home.viewer,
			body: { ...deed(w), photoKey: '../x.jpg' }
		});
		expect(bad.status).toBe(400);
	});

	it('takes the `photo` field of a multipart form; refuses non-photos and strangers', async () => {
		const w = makeSlipWorld();
		const form = new FormData();
		form.set('photo', new File([await smallJpeg()], 'deed.jpg'));
		const up = await upload(w.home.viewer, form);
		expect(up.status).toBe(201);
		expect(existsSync(photoPath(up.body.photoKey))).toBe(true);

		const before = files();
		const text = await upload(w.home.viewer, 'hello', 'text/plain');
		expect([text.status, text.body.error.code]).toEqual([422, 'photo_invalid']);
		const junk = await upload(w.home.viewer, 'hello', 'image/jpeg');
		expect([junk.status, junk.body.error.code]).toEqual([422, 'photo_invalid']);
		expect((await upload(null, await smallJpeg(), 'image/jpeg')).status).toBe(401);
		// A town-level login without a village has no slips to back.
		const townAdmin = loadViewer(makeUser({ isTownAdmin: true }));
		expect((await upload(townAdmin, await smallJpeg(), 'image/jpeg')).status).toBe(403);
		expect(files()).toEqual(before);
	});
});

describe('unused photos', () => {
	it('are deleted after a day; photos a slip cites and fresh uploads stay', async () => {
		const w = makeSlipWorld();
		const cited = (await slipWithPhoto(w)).photoKey!;
		const stale = await storePhoto(await smallJpeg());
		const fresh = await storePhoto(await smallJpeg());
		const old = new Date(Date.now() - 2 * 86_400_000);
		for (const key of [cited, stale]) {
			utimesSync(photoPath(key), old, old);
			utimesSync(photoPath(key, 'thumb'), old, old);
		}
		// Files that aren't photos are never touched.
		const other = join(uploadsDir(), 'README.txt');
		writeFileSync(other, 'kept');
		utimesSync(other, old, old);
		expect(pruneUnusedPhotos()).toBeGreaterThanOrEqual(2);
		expect(existsSync(photoPath(stale))).toBe(false);
		expect(existsSync(photoPath(stale, 'thumb'))).toBe(false);
		expect(existsSync(photoPath(cited))).toBe(true);
		expect(existsSync(photoPath(fresh))).toBe(true);
		expect(existsSync(other)).toBe(true);
	});
});
