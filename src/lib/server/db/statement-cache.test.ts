import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from './statement-cache';

function fixture(max?: number) {
	const sqlite = new Database(':memory:');
	sqlite.exec('create table t (id integer primary key, name text)');
	sqlite.exec("insert into t (name) values ('a'), ('b'), ('c')");
	return { sqlite, client: withStatementCache(sqlite, max) };
}

describe('withStatementCache', () => {
	it('hands out the same statement for the same SQL, with raw mode switched back off', () => {
		const { client } = fixture();
		const first = client.prepare('select * from t where id = ?');
		expect(first.raw().get(1)).toEqual([1, 'a']);
		const again = client.prepare('select * from t where id = ?');
		expect(again).toBe(first);
		expect(again.get(2)).toEqual({ id: 2, name: 'b' });
		// A statement that returns no data has no raw mode to reset.
		const insert = client.prepare('insert into t (name) values (?)');
		expect(client.prepare('insert into t (name) values (?)')).toBe(insert);
		expect(insert.run('d').changes).toBe(1);
	});

	it('gives a statement still iterating to nobody else', () => {
		const { client } = fixture();
		const sql = 'select name from t order by id';
		const names: string[] = [];
		for (const row of client.prepare(sql).iterate() as Iterable<{ name: string }>) {
			// Inside the loop the cached statement is busy: a fresh one runs instead.
			names.push(row.name, (client.prepare(sql).all() as { name: string }[]).length.toString());
		}
		expect(names).toEqual(['a', '3', 'b', '3', 'c', '3']);
	});

	it('keeps only the newest `max` statements, and passes everything else through', () => {
		const { client } = fixture(2);
		const one = client.prepare('select 1');
		client.prepare('select 2');
		client.prepare('select 3');
		expect(client.prepare('select 1')).not.toBe(one);
		expect(client.inTransaction).toBe(false);
		expect(client.pragma('user_version', { simple: true })).toBe(0);
		const tx = client.transaction(() => client.prepare('select count(*) as n from t').get());
		expect(tx()).toEqual({ n: 3 });
	});
});
