/**
 * Where the live database and photos are, and how the scripts that copy them (backup, restore)
 * name and copy files.
 */
import { copyFileSync, linkSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The same resolution as databasePath() in src/lib/server/db (which opens the file on import). */
export function liveDatabasePath(): string {
	return resolve((process.env.DATABASE_URL ?? 'data/jishan.db').replace(/^file:/, ''));
}

/** The same resolution as uploadsDir() in src/lib/server/photos/uploads-dir.ts. */
export function liveUploadsDir(database: string): string {
	return process.env.UPLOADS_DIR
		? resolve(process.env.UPLOADS_DIR)
		: join(dirname(database), 'uploads');
}

/** 2026-05-01T08-30-00-123Z: UTC, sorts in time order, safe in any file system. */
export const stamp = (d: Date) => d.toISOString().replace(/[:.]/g, '-');
export const STAMP = /\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z/.source;

export function size(bytes: number): string {
	if (bytes < 1024) return `${bytes} B`;
	if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
	return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Hard-links (or copies) every file of `from` into `to`, recursively. Photos are never changed
 * once written, so a link is as good as a copy and costs no space. Returns files and bytes.
 */
export function linkTree(from: string, to: string): { files: number; bytes: number } {
	mkdirSync(to, { recursive: true });
	let files = 0;
	let bytes = 0;
	for (const entry of readdirSync(from, { withFileTypes: true })) {
		const source = join(from, entry.name);
		const target = join(to, entry.name);
		if (entry.isDirectory()) {
			const sub = linkTree(source, target);
			files += sub.files;
			bytes += sub.bytes;
		} else if (entry.isFile()) {
			try {
				linkSync(source, target);
			} catch (e) {
				const code = (e as NodeJS.ErrnoException).code;
				// Another filesystem, or one without hard links: a plain copy then.
				if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP') throw e;
				copyFileSync(source, target);
			}
			files++;
			bytes += statSync(source).size;
		}
	}
	return { files, bytes };
}
