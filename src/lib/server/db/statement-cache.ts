import type { Database, Statement } from 'better-sqlite3';

/**
 * drizzle asks better-sqlite3 for a new prepared statement every time it runs a query; over the
 * ~30 queries of a check-in, preparing them again was the largest single item in the server's
 * CPU profile (`node --cpu-prof` under `npm run bench -- checkin`). A statement can be run again
 * with other parameters, so drizzle gets a client whose prepare() hands out the statement it
 * prepared before for the same SQL (the newest `max` of them).
 */
export function withStatementCache(sqlite: Database, max = 500): Database {
	const cache = new Map<string, Statement>();
	const prepare = (source: string): Statement => {
		const cached = cache.get(source);
		// A statement still iterating can't be run again meanwhile: that caller gets its own.
		if (cached && !cached.busy) {
			cache.delete(source);
			cache.set(source, cached);
			// drizzle switches raw mode on where it wants rows as arrays, and never off.
			if (cached.reader) cached.raw(false);
			return cached;
		}
		const fresh = sqlite.prepare(source);
		if (!cached) {
			cache.set(source, fresh);
			if (cache.size > max) cache.delete(cache.keys().next().value!);
		}
		return fresh;
	};
	return new Proxy(sqlite, {
		get(target, property) {
			if (property === 'prepare') return prepare;
			const value = Reflect.get(target, property, target);
			return typeof value === 'function' ? value.bind(target) : value;
		}
	});
}
