/**
 * SQLite's synchronous level (docs/durability.md): FULL unless SQLITE_SYNCHRONOUS says NORMAL;
 * anything else stops the server at start rather than running with a setting nobody chose.
 */
import { expect, it } from 'vitest';
import { sqlite, synchronousLevel } from '$lib/server/db';

it('FULL by default, NORMAL on request, anything else refused', () => {
	const set = process.env.SQLITE_SYNCHRONOUS;
	delete process.env.SQLITE_SYNCHRONOUS;
	try {
		expect(synchronousLevel()).toBe('FULL');
	} finally {
		process.env.SQLITE_SYNCHRONOUS = set;
	}
	expect(synchronousLevel('full')).toBe('FULL');
	expect(synchronousLevel(' normal ')).toBe('NORMAL');
	expect(() => synchronousLevel('OFF')).toThrow('SQLITE_SYNCHRONOUS must be FULL or NORMAL');
	expect(() => synchronousLevel('')).toThrow('SQLITE_SYNCHRONOUS');
});

it('the connection runs at the level asked for (the test setup asks for NORMAL)', () => {
	// PRAGMA synchronous answers 1 for NORMAL, 2 for FULL.
	expect(sqlite.pragma('synchronous', { simple: true })).toBe(
		synchronousLevel(process.env.SQLITE_SYNCHRONOUS) === 'FULL' ? 2 : 1
	);
	expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
});
