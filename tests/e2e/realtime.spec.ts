import { expect, test, type Page } from '@playwright/test';
import { logIn } from './helpers';
import { markPage, stillSamePage } from './live-page';

/** A 户号 no other run against this server's database has used. */
const uniqueNumber = (tag: string) => `RT${tag}-${String(Date.now()).slice(-6)}`;

async function addHousehold(page: Page, number: string): Promise<void> {
	await page.goto('/committee/households/new');
	await page.getByLabel('户号', { exact: true }).fill(number);
	await page.getByRole('button', { name: '新增', exact: true }).click();
	await expect(page).toHaveURL(/\/committee\/households\/\d+$/);
}

/** Marks the page so a reload (which would lose the mark) can be told from a live update. */

test('the committee adds a household and a visitor’s feed shows it live; the reconnect indicator comes and goes', async ({
	browser
}) => {
	// A visitor without an account watches 柳条村's feed (as on the square's screen).
	const visitorContext = await browser.newContext();
	const visitor = await visitorContext.newPage();
	await visitor.goto('/feed?village=liutiao');
	await expect(visitor.getByRole('heading', { name: '村里动态' })).toBeVisible();
	await expect(visitor.getByTestId('feed-live')).toBeVisible();
	await markPage(visitor);

	const committeeContext = await browser.newContext();
	const committee = await committeeContext.newPage();
	await logIn(committee, '13800000001');

	const first = uniqueNumber('A');
	await addHousehold(committee, first);
	await expect(visitor.getByTestId('feed-list')).toContainText(`新农户 ${first} 加入本村`);
	expect(await stillSamePage(visitor)).toBe(true);
	await expect(visitor.getByTestId('connection-indicator')).toBeHidden();

	// The visitor's phone loses its network: the indicator says so.
	await visitorContext.setOffline(true);
	await expect(visitor.getByTestId('connection-indicator')).toBeVisible();
	await expect(visitor.getByTestId('connection-indicator')).toContainText('正在重新连接');

	// Something happens meanwhile…
	const second = uniqueNumber('B');
	await addHousehold(committee, second);

	// …and once the network is back the indicator clears and the missed item arrives.
	await visitorContext.setOffline(false);
	await expect(visitor.getByTestId('connection-indicator')).toBeHidden({ timeout: 15_000 });
	const list = visitor.getByTestId('feed-list');
	await expect(list).toContainText(`新农户 ${second} 加入本村`);
	// Newest first, each once.
	await expect(list.getByText(`新农户 ${first} 加入本村`)).toHaveCount(1);
	await expect(list.getByText(`新农户 ${second} 加入本村`)).toHaveCount(1);
	const texts = await list.locator('li').allTextContents();
	const at = (n: string) => texts.findIndex((t) => t.includes(n));
	expect(at(second)).toBeLessThan(at(first));
	expect(await stillSamePage(visitor)).toBe(true);

	await visitorContext.close();
	await committeeContext.close();
});

test('a logged-in villager finds their own village’s feed in the menu', async ({ page }) => {
	await logIn(page, '13800000005');
	await page.getByRole('link', { name: '村里动态' }).click();
	await expect(page).toHaveURL('/feed');
	await expect(page.getByText('柳条村的新鲜事')).toBeVisible();
});

test('the feed page works without JavaScript', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/feed');
	await page.getByRole('textbox').fill('liutiao');
	await page.getByRole('button', { name: '查看' }).click();
	await expect(page).toHaveURL('/feed?village=liutiao');
	await expect(page.getByText('柳条村的新鲜事')).toBeVisible();
	await context.close();
});
