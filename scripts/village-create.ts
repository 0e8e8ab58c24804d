/**
 * Creates a village and its first committee login, or a town admin:
 *
 *   npm run village:create -- --name 柳树村 --code liushu --town 柳河镇 \
 *     --phone 13900000001 --committee-name 张三 --password secret123
 *   npm run village:create -- --town-admin --phone 13900000000 --name 李四 --password secret123
 *
 * Runs under `node --import tsx`, which resolves $lib through tsconfig paths, so nothing here may
 * import $app/* or $env/*. The database is DATABASE_URL (default data/jishan.db), as in the app.
 */
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { databasePath } from '$lib/server/db';
import { applyMigrations } from '$lib/server/db/migrate';
import { DomainError } from '$lib/server/errors';
import { createTownAdmin } from '$lib/server/villages/create-town-admin';
import { createVillage } from '$lib/server/villages/create-village';

const USAGE = `用法 Usage:
  npm run village:create -- --name <村名> --code <代码> [--town <乡镇>] --phone <村委手机号> --committee-name <村委姓名> --password <密码>
  npm run village:create -- --town-admin --phone <手机号> --name <姓名> --password <密码>`;

/** Zod paths back to the flags the user typed, so an error points at the right option. */
const FLAG_OF: Record<string, string> = {
	'committee.phone': '--phone',
	'committee.name': '--committee-name',
	'committee.password': '--password',
	name: '--name',
	code: '--code',
	town: '--town',
	phone: '--phone',
	password: '--password'
};

function parse() {
	return parseArgs({
		options: {
			name: { type: 'string' },
			code: { type: 'string' },
			town: { type: 'string' },
			phone: { type: 'string' },
			'committee-name': { type: 'string' },
			password: { type: 'string' },
			'town-admin': { type: 'boolean', default: false },
			help: { type: 'boolean', short: 'h', default: false }
		},
		strict: true,
		allowPositionals: false
	}).values;
}

async function run(args: ReturnType<typeof parse>): Promise<string> {
	applyMigrations();
	if (args['town-admin']) {
		// Missing flags are undefined; the zod schema inside turns them into clear errors.
		const { userId } = await createTownAdmin({
			phone: args.phone,
			name: args.name,
			password: args.password
		} as Parameters<typeof createTownAdmin>[0]);
		return `已创建乡镇管理员 ${args.name}（${args.phone}） · Created town admin ${args.name} (${args.phone}), user #${userId}`;
	}
	const { villageId, userId } = await createVillage({
		name: args.name,
		code: args.code,
		town: args.town,
		committee: { phone: args.phone, name: args['committee-name'], password: args.password }
	} as Parameters<typeof createVillage>[0]);
	return `已创建 ${args.name}（${args.code}），村委账号 ${args.phone} · Created village ${args.name} (${args.code}, #${villageId}) with committee login ${args.phone} (user #${userId})`;
}

function describe(error: unknown): string {
	if (error instanceof DomainError) return `${error.userMessage()} [${error.code}]`;
	if (error instanceof ZodError) {
		return error.issues
			.map((i) => `${FLAG_OF[i.path.join('.')] ?? i.path.join('.')}: ${i.message}`)
			.join('；');
	}
	throw error;
}

async function main(): Promise<number> {
	let args: ReturnType<typeof parse>;
	try {
		args = parse();
	} catch (e) {
		console.error(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
		return 1;
	}
	if (args.help) {
		console.log(USAGE);
		return 0;
	}
	try {
		console.log(await run(args));
		console.log(`数据库 Database: ${databasePath()}`);
		return 0;
	} catch (e) {
		console.error(`错误 Error: ${describe(e)}`);
		return 1;
	}
}

// exitCode rather than exit(): lets stdout flush when piped.
process.exitCode = await main();
