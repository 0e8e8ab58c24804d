import { expect, test, type Page } from '@playwright/test';
import { logIn } from './helpers';

/** What maskName makes of a name: first character, stars, at most one character after. */
const MASKED = /^[^*\s]\*+[^*\s]?$/u;

/** Every head name listed on the roll is masked; there may be none in a quiet period. */
async function expectMaskedRoll(page: Page) {
	const names = page.getByTestId('honour-name');
	const empty = page.getByTestId('honour-empty');
	await expect(names.first().or(empty)).toBeVisible();
	for (const name of await names.allInnerTexts()) expect(name.trim()).toMatch(MASKED);
	// The demo head of LT-001 is 刘建国: never in full on a public page.
	await expect(page.getByTestId('honour-roll')).not.toContainText('刘建国');
}

/** Switches 柳条村's rankings on through the JSON API, whatever state a failed run left. */
async function rankingsOn(page: Page) {
	const list = await page.request.get('/api/v1/villages');
	const [village] = (await list.json()).villages as { id: number }[];
	const res = await page.request.patch(`/api/v1/villages/${village!.id}/settings`, {
		data: { showRankings: true }
	});
	expect(res.status()).toBe(200);
}

test('an anonymous visitor reads 柳条村’s honour roll by month, year and group', async ({
	page
}) => {
	await page.goto('/honour');
	await page.getByRole('link', { name: /柳条村$/ }).click();
	await expect(page).toHaveURL(/\/honour\?village=liutiao$/);
	await expect(page.getByRole('heading', { name: '柳条村光荣榜' })).toBeVisible();
	await expect(page.getByTestId('period-label')).toContainText('本月');
	await expectMaskedRoll(page);

	await page.getByTestId('period-year').click();
	await expect(page).toHaveURL(/period=year/);
	await expect(page.getByTestId('period-label')).toContainText('今年');
	await expectMaskedRoll(page);

	// 柳条村's twenty ten-household groups are ranked; choosing one lists its households.
	const groups = page.getByTestId('honour-groups').locator('tbody tr');
	await expect(groups.first()).toBeVisible();
	expect(await groups.count()).toBeGreaterThanOrEqual(20);
	const firstGroup = groups.first().getByRole('link');
	const groupName = (await firstGroup.innerText()).trim();
	await firstGroup.click();
	await expect(page).toHaveURL(/period=year&group=\d+/);
	await expect(page.getByRole('heading', { name: `${groupName}各户排名` })).toBeVisible();
	await expectMaskedRoll(page);
	await page.getByTestId('whole-village').click();
	await expect(page).toHaveURL(/\/honour\?village=liutiao&period=year$/);

	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('button', { name: '打印光荣榜' })).toBeHidden();
	await expect(page.getByTestId('honour-roll')).toBeVisible();
	await page.emulateMedia({ media: 'screen' });
});

test('the notice board shows the ledger fingerprint, and a QR code on paper', async ({ page }) => {
	await page.goto('/notice?village=liutiao');
	const head = page.getByTestId('chain-head');
	await expect(head).toContainText('账本指纹');
	await expect(head).toContainText(/第 \d+ 笔 · \d{4}-\d{2}-\d{2} \d{2}:\d{2} · [0-9a-f]{16}/);
	await expect(page.getByTestId('notice-qr')).toBeHidden();
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByTestId('notice-qr').locator('svg')).toBeVisible();
	await expect(page.getByTestId('notice-qr')).toContainText('/notice?village=liutiao');
	await page.emulateMedia({ media: 'screen' });
});

test('the committee switches rankings off and the honour roll says so', async ({ page }) => {
	await logIn(page, '13800000001');
	try {
		await page.goto('/committee/settings');
		const box = page.getByRole('checkbox', { name: /显示积分排行榜/ });
		await expect(box).toBeChecked();
		await box.uncheck();
		await page.getByRole('button', { name: '保存', exact: true }).click();
		await expect(page.getByRole('status').filter({ hasText: '设置已保存' })).toBeVisible();

		await page.goto('/honour?village=liutiao&period=year');
		await expect(page.getByTestId('honour-off')).toContainText('本村已关闭排名');
		await expect(page.getByTestId('honour-households')).toHaveCount(0);
		await expect(page.getByTestId('honour-groups')).toHaveCount(0);

		await page.goto('/committee/settings');
		await page.getByRole('checkbox', { name: /显示积分排行榜/ }).check();
		await page.getByRole('button', { name: '保存', exact: true }).click();
		await expect(page.getByRole('status').filter({ hasText: '设置已保存' })).toBeVisible();
		await page.goto('/honour?village=liutiao&period=year');
		await expect(page.getByTestId('honour-off')).toHaveCount(0);
	} finally {
		// Other spec files expect the demo village as seeded.
		await rankingsOn(page);
	}
});

test('the committee prints door plaques and a plaque’s QR address opens its public page', async ({
	page,
	browser
}) => {
	await logIn(page, '13800000001');
	await page.goto('/committee');
	await page.getByRole('link', { name: /打印门牌二维码/ }).click();
	await expect(page).toHaveURL('/committee/plaques');
	await expect(page.getByRole('heading', { name: '打印门牌' })).toBeVisible();
	const cards = page.getByTestId('plaque-card');
	expect(await cards.count()).toBeGreaterThan(100);
	await expect(cards.first().locator('svg')).toBeVisible();

	// One group's plaques only.
	await page.getByTestId('plaque-group').selectOption({ index: 1 });
	await page.getByRole('button', { name: '显示', exact: true }).click();
	await expect(page).toHaveURL(/\/committee\/plaques\?group=\d+/);
	const inGroup = await cards.count();
	expect(inGroup).toBeGreaterThan(0);
	expect(inGroup).toBeLessThan(30);

	const href = await cards.first().getByTestId('plaque-link').getAttribute('href');
	expect(href).toMatch(/^https?:\/\/[^/]+\/plaque\/[a-z0-9]+$/);
	const number = (await cards.first().getByTestId('plaque-card-number').innerText()).trim();

	const context = await browser.newContext();
	const visitor = await context.newPage();
	await visitor.goto(href!);
	await expect(visitor.getByTestId('plaque')).toContainText('柳条村');
	await expect(visitor.getByTestId('plaque-number')).toHaveText(number);
	expect((await visitor.getByTestId('plaque-name').innerText()).trim()).toMatch(MASKED);
	await expect(visitor.getByTestId('plaque-standing')).not.toBeEmpty();
	await expect(visitor.getByRole('link', { name: '看本村公示栏' })).toBeVisible();

	const missing = await visitor.goto('/plaque/zzzzzzzzzzzzzzzz');
	expect(missing?.status()).toBe(404);
	await context.close();
});
