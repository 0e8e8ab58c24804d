/**
 * 5. Page weight: the JS and CSS a villager's phone downloads for the pages villagers use —
 * home (/), their household (/household, where / sends them once signed in), the statement
 * (/household/statement), the supermarket shelf (/shop/catalog) and the check-in page the
 * event's QR code opens (/events/<id>/checkin?t=…) — loaded in Chromium (playwright-core),
 * every JS and CSS response kept (lazily imported chunks too: we wait after `load`), each body
 * gzipped at level 9. Then a Lighthouse run of each page with its default config: mobile, with
 * simulated throttling — that default is the reference the scores are quoted against.
 *
 * No empty-SvelteKit-page baseline can be built here, so the JS is split into the framework's
 * share (Svelte's runtime, SvelteKit's client), libraries (socket.io-client) and the app's own
 * (bench/pageweight-chunks.ts).
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromium, type Response } from 'playwright-core';
import { gzipSync } from 'node:zlib';
import type { Benchmark, BenchOptions } from './lib/benchmark';
import type { BenchResult, Row } from './lib/report';
import { startServer, tempDatabase } from './lib/server';
import { chunkOwners, ownerOf } from './pageweight-chunks';

const CHROMIUM = '/usr/bin/chromium';
/** As playwright.config.ts: what Chromium needs on this machine (root, no GPU, closed network). */
const CHROMIUM_ARGS = [
	...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];
const HOUSEHOLD = { phone: '13800000005', password: 'jishan-demo' };
const COMMITTEE = { phone: '13800000001', password: 'jishan-demo' };
/** After `load`, how long lazily imported chunks get to arrive. */
const SETTLE_MS = 2000;
const JS_TARGET_KB = 60;
const LIGHTHOUSE_TARGET = 95;

type Page = { name: string; path: string; signedIn: boolean };

type Asset = {
	url: string;
	kind: 'js' | 'css' | 'html';
	owner: string;
	bytes: number;
	gzip: number;
	/** As the server sent it: Content-Encoding and the bytes on the wire (Playwright's sizes). */
	encoding: string;
	transferred: number;
};

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
const sum = (xs: Asset[], f: (a: Asset) => number = (a) => a.gzip) =>
	xs.reduce((s, a) => s + f(a), 0);

/** A session cookie for `account`, through the login form as a browser would post it. */
async function logIn(url: string, account: typeof HOUSEHOLD): Promise<string> {
	const res = await fetch(`${url}/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url },
		body: new URLSearchParams(account).toString(),
		redirect: 'manual'
	});
	const cookie = res.headers.getSetCookie().find((c) => c.startsWith('session='));
	if (!cookie) throw new Error(`login as ${account.phone} failed: HTTP ${res.status}`);
	return cookie.split(';')[0]!.slice('session='.length);
}

/** An event of 柳条村 open for check-in now (the committee creates it over the API), and its QR link. */
async function checkinPath(url: string): Promise<string> {
	const json = async (res: globalThis.Response) => {
		if (!res.ok) throw new Error(`${res.url}: HTTP ${res.status} ${await res.text()}`);
		return res.json();
	};
	const { token } = await json(
		await fetch(`${url}/api/v1/auth/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ ...COMMITTEE, name: 'bench pageweight' })
		})
	);
	const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
	const now = Date.now();
	const at = (minutes: number) => new Date(now + minutes * 60_000).toISOString();
	const event = await json(
		await fetch(`${url}/api/v1/events`, {
			method: 'POST',
			headers: auth,
			body: JSON.stringify({
				type: '其他',
				title: '页面体积测试 · 村民议事会',
				place: '村委会议室',
				startsAt: at(0),
				endsAt: at(120),
				checkInOpensAt: at(-10),
				checkInClosesAt: at(120),
				signupRequired: false
			})
		})
	);
	const code = await json(
		await fetch(`${url}/api/v1/events/${event.id}/checkin-code`, { headers: auth })
	);
	const link = new URL(code.url);
	return `${link.pathname}${link.search}`;
}

async function measurePages(
	url: string,
	pages: Page[],
	session: string
): Promise<Map<string, { finalUrl: string; assets: Asset[] }>> {
	const owners = chunkOwners();
	const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
	const out = new Map<string, { finalUrl: string; assets: Asset[] }>();
	try {
		for (const page of pages) {
			// A fresh context per page: nothing cached from the page before.
			const context = await browser.newContext();
			if (page.signedIn) {
				await context.addCookies([{ name: 'session', value: session, url }]);
			}
			const tab = await context.newPage();
			const responses: Response[] = [];
			tab.on('response', (r) => responses.push(r));
			await tab.goto(`${url}${page.path}`, { waitUntil: 'load' });
			await tab.waitForTimeout(SETTLE_MS);
			const assets: Asset[] = [];
			for (const r of responses) {
				if (r.status() !== 200) continue;
				const type = r.headers()['content-type'] ?? '';
				const kind = /javascript/.test(type)
					? 'js'
					: /text\/css/.test(type)
						? 'css'
						: r.request().resourceType() === 'document'
							? 'html'
							: null;
				if (!kind) continue;
				const body = await r.body();
				const sizes = await r.request().sizes();
				const pathname = new URL(r.url()).pathname;
				assets.push({
					url: pathname,
					kind,
					owner: kind === 'js' ? ownerOf(owners, pathname) : kind === 'css' ? 'app' : 'page',
					bytes: body.length,
					gzip: gzipSync(body, { level: 9 }).length,
					encoding: r.headers()['content-encoding'] ?? 'none',
					transferred: sizes.responseBodySize
				});
			}
			out.set(page.name, { finalUrl: tab.url().slice(url.length), assets });
			await context.close();
		}
	} finally {
		await browser.close();
	}
	return out;
}

type LighthouseRun = {
	performance: number;
	accessibility: number;
	metrics: Record<string, number>;
	failedAudits: { id: string; title: string; category: string }[];
};

async function runLighthouse(
	url: string,
	pages: Page[],
	session: string,
	runs: number
): Promise<Map<string, LighthouseRun[]>> {
	const chrome = await chromeLauncher.launch({
		chromePath: CHROMIUM,
		chromeFlags: ['--headless=new', ...CHROMIUM_ARGS]
	});
	const out = new Map<string, LighthouseRun[]>();
	try {
		for (const page of pages) {
			const results: LighthouseRun[] = [];
			for (let i = 0; i < runs; i++) {
				const result = await lighthouse(`${url}${page.path}`, {
					port: chrome.port,
					output: 'json',
					logLevel: 'error',
					onlyCategories: ['performance', 'accessibility'],
					extraHeaders: page.signedIn ? { Cookie: `session=${session}` } : undefined
				});
				if (!result) throw new Error(`lighthouse gave no result for ${page.path}`);
				const { lhr } = result;
				const score = (id: string) => Math.round((lhr.categories[id]?.score ?? NaN) * 100);
				const metric = (id: string) => Math.round(lhr.audits[id]?.numericValue ?? NaN);
				const failedAudits = Object.entries(lhr.categories).flatMap(([category, c]) =>
					c.auditRefs
						.filter((ref) => ref.weight > 0)
						.map((ref) => lhr.audits[ref.id]!)
						.filter((a) => a.score !== null && a.score < 1)
						.map((a) => ({ id: a.id, title: a.title, category }))
				);
				results.push({
					performance: score('performance'),
					accessibility: score('accessibility'),
					metrics: {
						fcpMs: metric('first-contentful-paint'),
						lcpMs: metric('largest-contentful-paint'),
						tbtMs: metric('total-blocking-time'),
						speedIndexMs: metric('speed-index'),
						clsX1000: Math.round(
							(lhr.audits['cumulative-layout-shift']?.numericValue ?? NaN) * 1000
						)
					},
					failedAudits
				});
			}
			out.set(page.name, results);
		}
	} finally {
		chrome.kill();
	}
	return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

async function run({ quick, port }: BenchOptions): Promise<BenchResult> {
	const { database, cleanup } = tempDatabase('jishan-bench-pageweight-');
	const server = await startServer({ database, port });
	try {
		const session = await logIn(server.url, HOUSEHOLD);
		const pages: Page[] = [
			{ name: 'home /', path: '/', signedIn: false },
			{ name: 'household', path: '/household', signedIn: true },
			{ name: 'statement', path: '/household/statement', signedIn: true },
			{ name: 'catalog', path: '/shop/catalog', signedIn: true },
			{ name: 'check-in', path: await checkinPath(server.url), signedIn: true }
		];
		const weights = await measurePages(server.url, pages, session);
		// Lighthouse varies run to run: the median of three (one when quick).
		const lighthouseRuns = await runLighthouse(server.url, pages, session, quick ? 1 : 3);

		const rows: Row[] = [];
		const details: Record<string, unknown> = {};
		const encodings = new Set<string>();
		for (const page of pages) {
			const { finalUrl, assets } = weights.get(page.name)!;
			const js = assets.filter((a) => a.kind === 'js');
			const css = assets.filter((a) => a.kind === 'css');
			const html = assets.filter((a) => a.kind === 'html');
			for (const a of assets) encodings.add(`${a.kind}: ${a.encoding}`);
			const jsKb = kb(sum(js));
			const framework = kb(sum(js.filter((a) => a.owner === 'framework')));
			const library = kb(sum(js.filter((a) => a.owner.startsWith('library'))));
			const app = kb(sum(js.filter((a) => a.owner === 'app')));
			const lh = lighthouseRuns.get(page.name)!;
			const perf = median(lh.map((r) => r.performance));
			const a11y = median(lh.map((r) => r.accessibility));
			const label = `${page.name} (${finalUrl.split('?')[0]})`;
			rows.push(
				{
					label: `${label}: JS gzip (${js.length} files)`,
					value: jsKb,
					unit: 'KB',
					target: `≤ ${JS_TARGET_KB}`,
					met: jsKb <= JS_TARGET_KB
				},
				{
					label: '  framework / library / app JS gzip',
					value: `${framework} / ${library} / ${app}`,
					unit: 'KB'
				},
				{ label: `  CSS gzip (${css.length} files)`, value: kb(sum(css)), unit: 'KB' },
				{ label: '  HTML gzip (with the inline boot script)', value: kb(sum(html)), unit: 'KB' },
				{
					label: '  JS + CSS as served (bytes on the wire)',
					value: kb(sum([...js, ...css], (a) => a.transferred)),
					unit: 'KB'
				},
				{
					label: `  Lighthouse performance (mobile, simulated${lh.length > 1 ? `, median of ${lh.length}` : ''})`,
					value: perf,
					target: `≥ ${LIGHTHOUSE_TARGET}`,
					met: perf >= LIGHTHOUSE_TARGET
				},
				{
					label: '  Lighthouse accessibility',
					value: a11y,
					target: `≥ ${LIGHTHOUSE_TARGET}`,
					met: a11y >= LIGHTHOUSE_TARGET
				}
			);
			details[page.name] = { path: page.path, finalUrl, assets, lighthouse: lh };
		}
		rows.push({ label: 'server Content-Encoding seen', value: [...encodings].sort().join(', ') });

		return {
			name: 'pageweight',
			title: '5. Page weight (villager pages: JS/CSS gzip, Lighthouse mobile)',
			rows,
			details: {
				...details,
				method:
					'gzip -9 of each decoded body (zlib level 9); JS/CSS/HTML responses with status 200 ' +
					`until ${SETTLE_MS} ms after load, fresh browser context per page; Lighthouse's ` +
					'default config (mobile, simulated throttling), performance and accessibility only',
				chunkOwners: Object.fromEntries([...chunkOwners()].filter(([, o]) => o !== 'app'))
			}
		};
	} finally {
		await server.stop();
		cleanup();
	}
}

const bench: Benchmark = {
	name: 'pageweight',
	title: '5. Page weight',
	run
};
export default bench;
