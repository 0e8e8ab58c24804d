import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { logIn } from './helpers';

/**
 * The points supermarket's monthly report and item photos, in 柳条村: the committee
 * (13800000001) opens this month's report from its home page and downloads it as .xlsx; the
 * shopkeeper (13800000002) adds an item, puts a photo on it, and the catalog shows it.
 */

/** This month in village time (Asia/Shanghai, UTC+8), as the report names it. */
const thisMonth = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);

test('the committee opens this month’s shop report and downloads it as xlsx', async ({ page }) => {
	await logIn(page, '13800000001');
	await page.goto('/committee');
	await page.getByRole('link', { name: '超市月报' }).click();
	await expect(page).toHaveURL(/\/shop\/report$/);
	const month = thisMonth();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`超市月报 · ${month}`);
	await expect(page.getByLabel('月份')).toHaveValue(month);

	await expect(page.getByTestId('report-redemptions')).toContainText('兑换');
	// The demo's goods were bought in earlier months: on the shelf at this month's start.
	await expect(page.getByTestId('report-stock').locator('[data-item="挂面 2 公斤"]')).toBeVisible();
	await expect(page.getByTestId('report-donations')).toContainText('捐赠');
	const liability = page.getByTestId('report-liability');
	await expect(liability).toContainText('各户积分合计');
	await expect(liability).toContainText('货架上的东西值（分）');
	await expect(liability.getByTestId('coverage')).toHaveText(/^(\d+(\.\d)?%|—)$/);

	// The month picker is a plain GET form.
	await page.getByLabel('月份').fill(month);
	await page.getByRole('button', { name: '查看' }).click();
	await expect(page).toHaveURL(`/shop/report?month=${month}`);

	const downloading = page.waitForEvent('download');
	await page.getByRole('link', { name: '导出 Excel' }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toMatch(new RegExp(`${month}\\.xlsx$`));
	const bytes = await readFile((await download.path())!);
	expect(bytes.byteLength).toBeGreaterThan(1000);
	// An .xlsx is a zip: it starts with "PK".
	expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
	const book = new ExcelJS.Workbook();
	await book.xlsx.load(bytes as unknown as ArrayBuffer);
	expect(book.worksheets.map((s) => s.name)).toEqual([
		'兑换按物品',
		'兑换按户',
		'进出货',
		'捐赠',
		'积分与库存'
	]);
	const stock = book.getWorksheet('进出货')!;
	const names = stock.getColumn(1).values.slice(2);
	expect(names).toContain('挂面 2 公斤');
});

test('the shopkeeper puts a photo on an item; the catalog shows it to anyone', async ({
	page,
	browser
}) => {
	const name = `e2e 照片商品 ${Date.now()}`;
	await logIn(page, '13800000002');
	await page.goto('/shop/items');
	const add = page.locator('section').filter({ hasText: '添加商品' });
	await add.getByLabel('名称').fill(name);
	await add.getByLabel('积分价').fill('650');
	await add.getByRole('button', { name: '添加' }).click();
	await expect(page.getByText(`已添加「${name}」`)).toBeVisible();

	const photoForm = page
		.getByTestId('item-photo')
		.filter({ has: page.getByLabel(`照片 · ${name}`) });
	await photoForm.getByLabel(`照片 · ${name}`).setInputFiles({
		name: 'item.jpg',
		mimeType: 'image/jpeg',
		buffer: await sharp({ create: { width: 800, height: 600, channels: 3, background: '#d94' } })
			.jpeg()
			.toBuffer()
	});
	await photoForm.getByRole('button', { name: '上传照片' }).click();
	await expect(page.getByText(`已换上「${name}」的新照片`)).toBeVisible();
	await expect(photoForm.getByRole('img', { name: `${name}的照片` })).toBeVisible();

	await page.goto('/shop/catalog');
	const img = page.locator(`[data-item="${name}"]`).getByRole('img', { name: `${name}的照片` });
	await img.scrollIntoViewIfNeeded();
	await expect(img).toBeVisible();
	await expect
		.poll(() => img.evaluate((e) => (e as HTMLImageElement).naturalWidth))
		.toBeGreaterThan(0);

	// Item photos are public: fetched without logging in.
	const src = (await img.getAttribute('src'))!;
	const anonymous = await browser.newContext();
	const response = await anonymous.request.get(src);
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toBe('image/jpeg');
	await anonymous.close();
});
