import { count, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { loadViewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { households, members } from '$lib/server/db/schema';
import { confirmImport } from '$lib/server/import/confirm-import';
import { previewImport } from '$lib/server/import/preview-import';
import { makeUser, makeVillage } from '../factories';
import { csvFile, row } from '../fixtures/import/files';

it('imports the largest file allowed (5,000 rows) in one transaction', async () => {
	const village = makeVillage();
	const committee = loadViewer(makeUser({ villageId: village.id, roles: ['committee'] }));
	const rows = Array.from({ length: 5000 }, (_, i) =>
		row({
			户号: `BIG-${Math.floor(i / 2)}`,
			是否户主: i % 2 === 0 ? '是' : '否',
			姓名: `村民${i}`,
			十户联组: `联组${Math.floor(i / 20)}`,
			手机号: String(15000000000 + i)
		})
	);
	let t = performance.now();
	const preview = await previewImport(committee, csvFile(rows));
	const previewMs = performance.now() - t;
	expect(preview).toMatchObject({ rows: 5000, households: 2500, members: 5000 });
	expect(preview.newGroups).toHaveLength(250);
	t = performance.now();
	await confirmImport(committee, preview.id);
	const confirmMs = performance.now() - t;
	console.log(`5,000 rows: preview ${previewMs.toFixed(0)} ms, confirm ${confirmMs.toFixed(0)} ms`);
	const n = (table: typeof households | typeof members) =>
		db.select({ n: count() }).from(table).where(eq(table.villageId, village.id)).get()!.n;
	expect(n(households)).toBe(2500);
	expect(n(members)).toBe(5000);
});
