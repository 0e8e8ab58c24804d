/**
 * Item photos of the points supermarket: stored with the photo module (before the transaction,
 * deleted again when it is refused), shown in the public catalog, served to anyone by
 * /photos/<key>, replaced and removed cleanly, and never pruned as unused.
 */
import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Viewer } from '$lib/server/auth/viewer';
import { DomainError, type ErrorCode } from '$lib/server/errors';
import { pruneUnusedPhotos } from '$lib/server/photos/prune-unused-photos';
import { readPhoto } from '$lib/server/photos/read-photo';
import { photoPath, uploadsDir } from '$lib/server/photos/uploads-dir';
import { withStoredPhoto } from '$lib/server/photos/with-stored-photo';
import { listCatalog } from '$lib/server/shop/list-catalog';
import { listItems } from '$lib/server/shop/list-items';
import { setItemPhoto } from '$lib/server/shop/set-item-photo';
import * as m from '$lib/paraglide/messages';
import { GET as servePhoto } from '../../src/routes/photos/[key]/+server';
import { actions as itemActions } from '../../src/routes/shop/items/+page.server';
import { smallJpeg } from './photo-helpers';
import { makeShopWorld } from './shop-helpers';

const files = () => (existsSync(uploadsDir()) ? readdirSync(uploadsDir()).sort() : []);

async function refusedAsync(code: ErrorCode, fn: () => Promise<unknown>): Promise<void> {
	let caught: unknown;
	try {
		await fn();
	} catch (e) {
		caught = e;
	}
	expect(caught).toBeInstanceOf(DomainError);
	expect((caught as DomainError).code).toBe(code);
}

/** What the item edit page's photo form does: store, then set (or delete on refusal). */
const upload = async (viewer: Viewer | null, itemId: number, bytes?: Uint8Array) =>
	withStoredPhoto(bytes ?? (await smallJpeg()), (key) => setItemPhoto(viewer, itemId, key));

const get = (key: string, viewer: Viewer | null, query = '') =>
	servePhoto({
		params: { key },
		url: new URL(`http://localhost/photos/${key}${query}`),
		locals: { viewer }
	} as unknown as Parameters<typeof servePhoto>[0]);

describe('item photos', () => {
	it('the shopkeeper puts a photo on an item; the catalog shows it and anyone may fetch it', async () => {
		const w = makeShopWorld();
		const rice = w.item('大米', 800, 5);
		const saved = await upload(w.shopkeeper, rice.id);
		const key = saved.photoKey!;
		expect(key).toMatch(/^[a-z2-7]{26}\.jpg$/);
		expect(existsSync(photoPath(key))).toBe(true);
		expect(existsSync(photoPath(key, 'thumb'))).toBe(true);
		expect(listItems(w.committee).find((i) => i.id === rice.id)?.photoKey).toBe(key);

		const catalog = listCatalog(null, w.village.code);
		expect(catalog.items.find((i) => i.id === rice.id)?.photoKey).toBe(key);

		// Public: no login, another village, the small copy too.
		const photo = await readPhoto(null, key);
		expect(photo.isPublic).toBe(true);
		const other = makeShopWorld();
		expect((await readPhoto(other.committee, key, 'thumb')).isPublic).toBe(true);
		const served = await get(key, null, '?size=thumb');
		expect(served.status).toBe(200);
		expect(served.headers.get('content-type')).toBe('image/jpeg');
		expect(served.headers.get('cache-control')).toMatch(/^public/);
	});

	it('a new photo replaces the old one, whose files go; removing leaves none', async () => {
		const w = makeShopWorld();
		const oil = w.item('食用油', 600, 3);
		const first = (await upload(w.committee, oil.id)).photoKey!;
		const second = (await upload(w.shopkeeper, oil.id)).photoKey!;
		expect(second).not.toBe(first);
		expect(existsSync(photoPath(first))).toBe(false);
		expect(existsSync(photoPath(first, 'thumb'))).toBe(false);
		expect((await get(first, null)).status).toBe(404);
		expect((await get(second, null)).status).toBe(200);

		const removed = setItemPhoto(w.shopkeeper, oil.id, null);
		expect(removed.photoKey).toBeNull();
		expect(existsSync(photoPath(second))).toBe(false);
		expect((await get(second, null)).status).toBe(404);
	});

	it('is refused for villagers and other villages, and the stored photo is deleted again', async () => {
		const w = makeShopWorld();
		const soap = w.item('香皂', 700, 2);
		const before = files();
		await refusedAsync('forbidden', () => upload(w.homes[0]!.viewer, soap.id));
		await refusedAsync('unauthenticated', () => upload(null, soap.id));
		const other = makeShopWorld();
		await refusedAsync('not_found', () => upload(other.shopkeeper, soap.id));
		await refusedAsync('not_found', () => upload(w.shopkeeper, 999_999));
		await refusedAsync('photo_invalid', () =>
			upload(w.shopkeeper, soap.id, new TextEncoder().encode('not a photo'))
		);
		expect(files()).toEqual(before);
		expect(listItems(w.shopkeeper).find((i) => i.id === soap.id)?.photoKey).toBeNull();
		await refusedAsync('photo_invalid', async () =>
			setItemPhoto(w.shopkeeper, soap.id, '../x.jpg')
		);
	});

	it('is never pruned as an unused upload', async () => {
		const w = makeShopWorld();
		const tea = w.item('茶叶', 900, 1);
		const key = (await upload(w.shopkeeper, tea.id)).photoKey!;
		pruneUnusedPhotos(new Date(Date.now() + 3 * 86_400_000));
		expect(existsSync(photoPath(key))).toBe(true);
		expect(existsSync(photoPath(key, 'thumb'))).toBe(true);
	});
});

describe('the item page’s photo form', () => {
	/** Posts the multipart form as a browser without JavaScript would. */
	const send = (viewer: Viewer, fields: Record<string, string | File>) => {
		const form = new FormData();
		for (const [k, v] of Object.entries(fields)) form.set(k, v);
		const request = new Request('http://localhost/shop/items?/photo', {
			method: 'POST',
			body: form
		});
		const photo = itemActions.photo!;
		return photo({ request, locals: { viewer } } as unknown as Parameters<
			typeof photo
		>[0]) as Promise<unknown>;
	};
	const jpegFile = async () => new File([await smallJpeg()], 'item.jpg', { type: 'image/jpeg' });
	const empty = () => new File([], '', { type: 'application/octet-stream' });

	it('stores the chosen photo, asks for one when none is chosen, and removes it', async () => {
		const w = makeShopWorld();
		const rice = w.item('大米', 800, 5);
		const id = String(rice.id);
		expect(await send(w.shopkeeper, { itemId: id, photo: await jpegFile() })).toEqual({
			photoSaved: '大米'
		});
		const key = listItems(w.shopkeeper).find((i) => i.id === rice.id)!.photoKey!;
		expect(existsSync(photoPath(key))).toBe(true);

		const none = (await send(w.shopkeeper, { itemId: id, photo: empty() })) as {
			status: number;
			data: { error: { message: string }; fieldErrors: Record<string, string> };
		};
		expect(none.status).toBe(400);
		expect(none.data.error.message).toBe(m.shopreport_photo_choose());
		expect(none.data.fieldErrors.photo).toBe(m.shopreport_photo_choose());

		expect(await send(w.shopkeeper, { itemId: id, remove: '1', photo: empty() })).toEqual({
			photoRemoved: '大米'
		});
		expect(existsSync(photoPath(key))).toBe(false);
	});

	it('refuses a villager before storing anything', async () => {
		const w = makeShopWorld();
		const rice = w.item('大米', 800, 5);
		const before = files();
		const refused = (await send(w.homes[0]!.viewer, {
			itemId: String(rice.id),
			photo: await jpegFile()
		})) as { status: number };
		expect(refused.status).toBe(403);
		expect(files()).toEqual(before);
	});
});
