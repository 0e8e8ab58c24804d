import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import {
	mkdirSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	statSync,
	writeFileSync
} from 'node:fs';
import { dirname, join } from 'node:path';
import { databasePath } from '$lib/server/db';

/**
 * Uploaded files waiting between the preview and the confirm. They live as files beside the
 * database (data/imports/<id>.json, readable by the server only), keyed by an unguessable id and
 * stamped with the uploader and their village; confirm re-reads and re-checks the same bytes.
 * Nothing here is a record of what happened — the audit log is — so a lost file only means
 * uploading again.
 */

/** A pending import not confirmed within this time is forgotten. */
export const PENDING_TTL_MS = 24 * 60 * 60 * 1000;

/** 15 random bytes in base32: 24 characters. */
export const IMPORT_ID_PATTERN = /^[a-z2-7]{24}$/;

export type PendingImport = {
	id: string;
	villageId: number;
	userId: number;
	fileName: string;
	createdAt: number;
	bytes: Uint8Array;
};

type Stored = Omit<PendingImport, 'bytes'> & { data: string };

const dir = () => join(dirname(databasePath()), 'imports');
const fileOf = (id: string) => join(dir(), `${id}.json`);

export function newImportId(): string {
	return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(15)));
}

export function savePending(pending: PendingImport): void {
	mkdirSync(dir(), { recursive: true, mode: 0o700 });
	sweepPending();
	const { bytes, ...meta } = pending;
	const stored: Stored = { ...meta, data: Buffer.from(bytes).toString('base64') };
	// Write then rename, so a reader never sees half a file.
	const tmp = `${fileOf(pending.id)}.tmp`;
	writeFileSync(tmp, JSON.stringify(stored), { mode: 0o600 });
	renameSync(tmp, fileOf(pending.id));
}

/** The pending import with this id, or null when there is none (or it has expired). */
export function loadPending(id: string): PendingImport | null {
	if (!IMPORT_ID_PATTERN.test(id)) return null;
	let stored: Stored;
	try {
		stored = JSON.parse(readFileSync(fileOf(id), 'utf8')) as Stored;
	} catch {
		return null;
	}
	if (Date.now() - stored.createdAt > PENDING_TTL_MS) {
		deletePending(id);
		return null;
	}
	const { data, ...meta } = stored;
	return { ...meta, bytes: new Uint8Array(Buffer.from(data, 'base64')) };
}

export function deletePending(id: string): void {
	if (IMPORT_ID_PATTERN.test(id)) rmSync(fileOf(id), { force: true });
}

/** Removes pending imports older than the time limit. */
export function sweepPending(now = Date.now()): void {
	let names: string[];
	try {
		names = readdirSync(dir());
	} catch {
		return;
	}
	for (const name of names) {
		const path = join(dir(), name);
		try {
			if (now - statSync(path).mtimeMs > PENDING_TTL_MS) rmSync(path, { force: true });
		} catch {
			// Removed meanwhile by another request: nothing to do.
		}
	}
}
