/**
 * The redemption race's fixture, written through the app's own services into the database of a
 * running benchmark server (WAL: the server keeps serving meanwhile):
 *
 *   DATABASE_URL=<file> node --import tsx bench/redemption-seed.ts '<config json>' <out.json>
 *
 * In 柳条村 (demo): `items` shop items with `stock` units each (bought in), and `households`
 * households, each with a head who has a login, a bearer API token and some points (an `earn`
 * entry posted through postEntry). Also a token for the demo shopkeeper, who hands the accepted
 * orders over afterwards. Writes the tokens and ids to <out.json>.
 *
 * A separate process (not an import into bench/run.ts) because $lib/server/db opens
 * DATABASE_URL once, at import: other benchmarks in the same run use other databases.
 */
import { eq } from 'drizzle-orm';
import { readFileSync, writeFileSync } from 'node:fs';
import { createAccount } from '$lib/server/accounts/create-account';
import { issueApiToken } from '$lib/server/auth/tokens';
import { sessionUserColumns } from '$lib/server/auth/session';
import { loadViewer, type Viewer } from '$lib/server/auth/viewer';
import { db, write } from '$lib/server/db';
import { users, villages } from '$lib/server/db/schema';
import { postEntry } from '$lib/server/ledger/post-entry';
import { addMember } from '$lib/server/people/add-member';
import { createHousehold } from '$lib/server/people/create-household';
import { recordStockIn } from '$lib/server/shop/record-stock-in';
import { saveItem } from '$lib/server/shop/save-item';

export type SeedConfig = {
	items: number;
	stock: number;
	price: number;
	monthlyLimit: number | null;
	/** Points each household gets; one entry per household, in order (cycled). */
	points: number[];
	households: number;
};

export type SeedFixture = {
	villageId: number;
	threshold: number;
	items: { id: number; name: string; stock: number; price: number }[];
	households: { id: number; number: string; userId: number; token: string; points: number }[];
	shopkeeperToken: string;
};

function demoViewer(phone: string): Viewer {
	const user = db.select(sessionUserColumns).from(users).where(eq(users.phone, phone)).get();
	if (!user) throw new Error(`no demo account ${phone}: was the demo seeded?`);
	return loadViewer(user);
}

async function seed(config: SeedConfig): Promise<SeedFixture> {
	const committee = demoViewer('13800000001');
	const shopkeeper = demoViewer('13800000002');
	const villageId = committee.villageId;
	if (villageId === null) throw new Error('the demo committee has no village');

	const items = Array.from({ length: config.items }, (_, i) => {
		const name = `压测商品 ${i + 1}`;
		const item = saveItem(shopkeeper, null, {
			name,
			category: '压测',
			pointsPrice: config.price,
			monthlyLimit: config.monthlyLimit ?? undefined,
			active: true
		});
		recordStockIn(shopkeeper, { itemId: item.id, kind: 'purchase', quantity: config.stock });
		return { id: item.id, name, stock: config.stock, price: config.price };
	});

	const households: SeedFixture['households'] = [];
	for (let i = 0; i < config.households; i++) {
		const number = `BENCH-${String(i + 1).padStart(3, '0')}`;
		const household = createHousehold(committee, { number });
		const phone = `199${String(i + 1).padStart(8, '0')}`;
		const head = addMember(committee, household.id, {
			name: `压测户主${i + 1}`,
			relation: '户主',
			phone,
			makeHead: true
		});
		const { userId } = await createAccount(committee, {
			memberId: head.id,
			password: 'bench-pass-1234'
		});
		const { token } = issueApiToken(userId, villageId, 'bench redemption');
		const points = config.points[i % config.points.length]!;
		write((tx) =>
			postEntry(tx, {
				villageId,
				householdId: household.id,
				kind: 'earn',
				points,
				source: { type: 'bench_grant', id: household.id },
				note: 'redemption benchmark',
				actorUserId: committee.userId
			})
		);
		households.push({ id: household.id, number, userId, token, points });
	}

	const { token: shopkeeperToken } = issueApiToken(shopkeeper.userId, villageId, 'bench hand-over');
	const threshold =
		db.select().from(villages).where(eq(villages.id, villageId)).get()?.redeemThreshold ?? NaN;
	return { villageId, threshold, items, households, shopkeeperToken };
}

const [configJson, outFile] = process.argv.slice(2);
if (!configJson || !outFile) {
	console.error(
		'usage: node --import tsx bench/redemption-seed.ts <config json | @file> <out.json>'
	);
	process.exit(2);
}
const config = JSON.parse(
	configJson.startsWith('@') ? readFileSync(configJson.slice(1), 'utf8') : configJson
) as SeedConfig;
writeFileSync(outFile, JSON.stringify(await seed(config)));
