import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, logIn } from './helpers';

const ROLE_HOMES = [
	{ phone: '13800000000', home: '/town', role: '乡镇管理员' },
	{ phone: '13800000001', home: '/committee', role: '村委' },
	{ phone: '13800000002', home: '/shop', role: '超市管理员' },
	{ phone: '13800000003', home: '/team', role: '队长' },
	{ phone: '13800000004', home: '/group', role: '十户长' },
	{ phone: '13800000005', home: '/household', role: '户主' },
	{ phone: '13800000011', home: '/committee', role: '村委' }
];

for (const { phone, home, role } of ROLE_HOMES) {
	test(`${phone} (${role}) lands on ${home}`, async ({ page }) => {
		await logIn(page, phone);
		await expect(page).toHaveURL(home);
		await expect(page.locator('main h1')).toBeVisible();
		await page.goto('/account');
		await expect(page.getByTestId('roles')).toContainText(role);
	});
}

test('a wrong password is refused with a clear message and no session', async ({ page }) => {
	await page.goto('/login');
	await page.getByLabel('手机号').fill('13800000005');
	await page.getByLabel('密码').fill('not-the-password');
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page.getByRole('alert')).toContainText('手机号或密码不正确');
	await expect(page.getByLabel('手机号')).toHaveValue('13800000005');
	await page.goto('/household');
	await expect(page).toHaveURL(/\/login/);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the login form works and so does logging out', async ({ page }) => {
		await page.goto('/login');
		await page.getByLabel('手机号').fill('13800000005');
		await page.getByLabel('密码').fill(DEMO_PASSWORD);
		await page.getByRole('button', { name: '登录' }).click();
		await expect(page).toHaveURL('/household');
		await expect(page.getByTestId('balance')).toBeVisible();
		await page.getByRole('button', { name: '退出登录' }).click();
		await expect(page).toHaveURL('/login');
		await page.goto('/household');
		await expect(page).toHaveURL(/\/login/);
	});

	test('a bad phone number gets the field error', async ({ page }) => {
		await page.goto('/login');
		await page.getByLabel('手机号').fill('12345');
		await page.getByLabel('密码').fill('x');
		await page.getByRole('button', { name: '登录' }).click();
		await expect(page.getByText('请输入 11 位手机号。').first()).toBeVisible();
	});
});

test('care mode is remembered across pages and visits', async ({ browser }) => {
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto('/login');
	const rootSize = () =>
		page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
	const normal = await rootSize();
	await page.getByTestId('care-toggle').click();
	await expect(page.locator('[data-care="true"]')).toBeVisible();
	expect(await rootSize()).toBeGreaterThan(normal);
	await logIn(page, '13800000005');
	await expect(page.locator('[data-care="true"]')).toBeVisible();
	// A later visit in the same browser still has it.
	const again = await context.newPage();
	await again.goto('/household');
	await expect(again.locator('[data-care="true"]')).toBeVisible();
	await again.getByTestId('care-toggle').click();
	await expect(again.locator('[data-care="false"]')).toBeVisible();
	await context.close();
});

test('English is available and remembered', async ({ page }) => {
	await page.goto('/login');
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
	await page.goto('/login');
	await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
	await page.getByRole('button', { name: '中文' }).click();
	await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
});

test('log out everywhere ends the other browser’s session too', async ({ browser }) => {
	const a = await browser.newContext();
	const b = await browser.newContext();
	const pageA = await a.newPage();
	const pageB = await b.newPage();
	await logIn(pageA, '13800000003');
	await logIn(pageB, '13800000003');
	await pageA.goto('/account');
	await pageA.getByRole('button', { name: '在所有设备上退出登录' }).click();
	await expect(pageA).toHaveURL('/login');
	await pageB.goto('/account');
	await expect(pageB).toHaveURL(/\/login/);
	await a.close();
	await b.close();
});

test('logging in again rotates the session cookie', async ({ page, context }) => {
	await logIn(page, '13800000002');
	const first = (await context.cookies()).find((c) => c.name === 'session');
	expect(first?.httpOnly).toBe(true);
	expect(first?.sameSite).toBe('Lax');
	await page.goto('/login');
	// Already logged in: the login page sends you home; log out and in again.
	await page.getByRole('button', { name: '退出登录' }).click();
	await logIn(page, '13800000002');
	const second = (await context.cookies()).find((c) => c.name === 'session');
	expect(second?.value).toBeTruthy();
	expect(second?.value).not.toBe(first?.value);
});

test('a ten-household leader acts for a consenting elder, and it shows', async ({ page }) => {
	await logIn(page, '13800000004');
	await expect(page).toHaveURL('/group');
	await page.getByRole('button', { name: '代办：陈桂兰' }).click();
	await expect(page).toHaveURL('/household');
	await expect(page.getByRole('status')).toContainText('正在为 陈桂兰 代办');
	await expect(page.getByText('户号 LT-001')).toBeVisible();
	await page.getByRole('button', { name: '结束代办' }).click();
	await expect(page.getByRole('status')).toHaveCount(0);
});

test.describe('JSON API with bearer tokens', () => {
	test('token → /me → revoke → 401', async ({ request }) => {
		const created = await request.post('/api/v1/auth/token', {
			data: { phone: '13800000001', password: DEMO_PASSWORD, name: 'e2e' }
		});
		expect(created.status()).toBe(201);
		const { token, tokenId, user } = await created.json();
		expect(user.roles).toContain('committee');
		const auth = { authorization: `Bearer ${token}` };
		const me = await request.get('/api/v1/me', { headers: auth });
		expect(me.status()).toBe(200);
		expect((await me.json()).phone).toBe('13800000001');
		const list = await request.get('/api/v1/auth/tokens', { headers: auth });
		expect((await list.json()).tokens.map((t: { id: number }) => t.id)).toContain(tokenId);
		const revoked = await request.delete(`/api/v1/auth/tokens/${tokenId}`, { headers: auth });
		expect(revoked.status()).toBe(200);
		const after = await request.get('/api/v1/me', { headers: auth });
		expect(after.status()).toBe(401);
		expect((await after.json()).error.code).toBe('unauthenticated');
	});

	test('a replayed Idempotency-Key returns the first response; a different body is 422', async ({
		request
	}) => {
		const headers = { 'idempotency-key': 'e2e-key-1' };
		const body = { phone: '13800000011', password: DEMO_PASSWORD, name: 'first' };
		const first = await request.post('/api/v1/auth/token', { data: body, headers });
		const again = await request.post('/api/v1/auth/token', { data: body, headers });
		expect(first.status()).toBe(201);
		expect(await again.json()).toEqual(await first.json());
		const other = await request.post('/api/v1/auth/token', {
			data: { ...body, name: 'second' },
			headers
		});
		expect(other.status()).toBe(422);
		expect((await other.json()).error.code).toBe('idempotency_mismatch');
	});

	test('unknown API paths and bad JSON answer in the error shape', async ({ request }) => {
		const missing = await request.get('/api/v1/no-such-thing');
		expect(missing.status()).toBe(404);
		expect((await missing.json()).error.code).toBe('not_found');
		const bad = await request.post('/api/v1/auth/token', {
			data: Buffer.from('{"phone":'),
			headers: { 'content-type': 'application/json' }
		});
		expect(bad.status()).toBe(400);
		expect((await bad.json()).error.code).toBe('bad_request');
	});

	test('openapi.json is served', async ({ request }) => {
		const res = await request.get('/api/v1/openapi.json');
		expect(res.status()).toBe(200);
		const doc = await res.json();
		expect(doc.openapi).toBe('3.1.0');
		expect(doc.paths['/auth/token'].post).toBeDefined();
	});
});

test('an owner creates, lists and revokes an API token on the account page', async ({
	page,
	request
}) => {
	await logIn(page, '13800000002');
	await page.goto('/account');
	const tokens = page.getByTestId('tokens');
	await tokens.getByLabel('令牌名称').fill('超市表格');
	await tokens.getByRole('button', { name: '生成令牌' }).click();
	const secret = (await page.getByTestId('new-token').innerText()).trim();
	expect(secret).toMatch(/^jst_/);
	const me = await request.get('/api/v1/me', { headers: { authorization: `Bearer ${secret}` } });
	expect(me.status()).toBe(200);
	await expect(tokens.getByText('超市表格')).toBeVisible();
	await tokens.getByRole('button', { name: '作废' }).click();
	await expect(tokens.getByText('超市表格')).toHaveCount(0);
	const after = await request.get('/api/v1/me', { headers: { authorization: `Bearer ${secret}` } });
	expect(after.status()).toBe(401);
});
