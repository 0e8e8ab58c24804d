import { expect, test } from '@playwright/test';
import { logIn } from './helpers';
import { markPage, stillSamePage } from './live-page';

/** Marks the page so a reload (which would lose the mark) can be told from a live update. */

test('a household orders; the shop sees it live and hands it over by code; the household sees 已领取 live', async ({
	browser
}) => {
	// The shopkeeper's screen is open at the counter.
	const shopContext = await browser.newContext();
	const shop = await shopContext.newPage();
	await logIn(shop, '13800000002');
	await shop.goto('/shop');
	await expect(shop.getByRole('heading', { name: /待领取订单/ })).toBeVisible();
	await expect(shop.getByText('实时更新中')).toBeVisible();
	await markPage(shop);

	// The household head (LT-001, past the 600-point threshold) orders at home.
	const homeContext = await browser.newContext();
	const home = await homeContext.newPage();
	await logIn(home, '13800000005');
	await home.goto('/shop/catalog');
	await expect(home.getByTestId('shop-standing')).toBeVisible();
	const noodles = home.locator('[data-item="挂面 2 公斤"]');
	await expect(noodles).toContainText('600 分');
	await expect(noodles).toContainText('现在能换');
	await home.getByLabel('「挂面 2 公斤」数量').fill('1');
	await home.getByRole('button', { name: '兑换选好的东西' }).click();
	await expect(home).toHaveURL(/\/shop\/orders\?placed=\d+$/);
	const order = home.locator('[data-order]').first();
	await expect(order.getByTestId('order-status')).toHaveText('待领取');
	await expect(order).toContainText('挂面 2 公斤 × 1');
	const code = (await order.getByTestId('pickup-code').innerText()).trim();
	expect(code).toMatch(/^\d{6}$/);
	await expect(order.getByRole('img', { name: '取货二维码' })).toBeVisible();
	await markPage(home);

	// The shop's list shows it without a reload (no pickup code there: the villager shows it).
	const open = shop.getByTestId('open-orders');
	await expect(open).toContainText('LT-001');
	await expect(open).toContainText('挂面 2 公斤 × 1');
	await expect(open).not.toContainText(code);
	expect(await stillSamePage(shop)).toBe(true);

	// The villager tells the code; the shopkeeper finds the order and hands it over.
	await shop.getByLabel('取货码').fill(code);
	await shop.getByRole('button', { name: '查找' }).click();
	await expect(shop).toHaveURL(`/shop?code=${code}`);
	const found = shop.getByTestId('found-order');
	await expect(found).toContainText('LT-001');
	await expect(found).toContainText('共 600 分');
	await found.getByRole('button', { name: '确认交付，扣除积分' }).click();
	await expect(shop.getByText('已交付 LT-001 户的东西，扣除 600 分')).toBeVisible();
	await expect(shop.getByTestId('found-order')).toBeHidden();

	// The household's page turns to 已领取 by itself, and the code is gone.
	await expect(order.getByTestId('order-status')).toHaveText('已领取', { timeout: 15_000 });
	await expect(order.getByTestId('pickup-code')).toBeHidden();
	expect(await stillSamePage(home)).toBe(true);

	await shopContext.close();
	await homeContext.close();
});

test('the catalog and the donations are public, chosen by village', async ({ page }) => {
	await page.goto('/shop/donations');
	await page.getByRole('link', { name: /柳条村/ }).click();
	await expect(page).toHaveURL('/shop/donations?village=liutiao');
	await expect(page.getByTestId('donations')).toContainText('县供电公司党支部');
	await expect(page.getByTestId('donations')).toContainText('共建单位');
	await page.goto('/shop/catalog?village=liutiao');
	// The 30 demo items, and any another spec added to the shared database.
	await expect(page.getByTestId('catalog').locator('li').nth(29)).toBeVisible();
	// Without an account: no basket.
	await expect(page.getByRole('button', { name: '兑换选好的东西' })).toHaveCount(0);
});
