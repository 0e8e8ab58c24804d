import { expect, test } from '@playwright/test';
import { logIn } from './helpers';

const HEADER =
	'户号,地址,村民小组,十户联组,是否户主,姓名,性别,出生年份,与户主关系,手机号,身份证号,关爱类别,风险等级,低保特困,同意代办';

/** A unique 户号 prefix per run, so a re-run against the same server never collides. */
const tag = `E2E${Date.now().toString(36).toUpperCase()}`;

function csv(lines: string[]): { name: string; mimeType: string; buffer: Buffer } {
	// With a BOM and CRLF, as Excel saves "CSV UTF-8".
	return {
		name: 'people.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('\ufeff' + [HEADER, ...lines].join('\r\n') + '\r\n', 'utf8')
	};
}

test('committee imports a CSV: preview, confirm, and finds the household', async ({
	page,
	browser
}) => {
	await logIn(page, '13800000001');
	await page.goto('/committee/import');
	await expect(page.locator('main h1')).toHaveText('导入导出农户');

	// The template is there to download, with the Chinese headers.
	const template = await page.request.get('/committee/import/template.csv');
	expect(template.status()).toBe(200);
	expect(await template.text()).toContain(HEADER);

	await page
		.locator('input[name="file"]')
		.setInputFiles(
			csv([
				`${tag}-001,导入路 1 号,一组,${tag}联组,是,导入甲,男,1950,户主,,,空巢、高龄,中,无,是`,
				`${tag}-001,导入路 1 号,一组,${tag}联组,否,导入乙,女,1953,配偶,,,,,,`,
				`${tag}-002,导入路 2 号,二组,,是,导入丙,男,1980,户主,,,,,,`
			])
		);
	await page.getByRole('button', { name: '上传并预览' }).click();

	await expect(page).toHaveURL(/\/committee\/import\/[a-z2-7]{24}$/);
	const preview = page.getByTestId('import-preview');
	await expect(preview).toContainText('共 3 行，将新增 2 户、3 人。');
	await expect(preview).toContainText(`将新建十户联组：${tag}联组`);
	await expect(page.locator('table')).toContainText('导入乙');
	const previewUrl = page.url();

	// 马家村's committee gets a 404 for 柳条村's pending import.
	const other = await browser.newContext();
	const otherPage = await other.newPage();
	await logIn(otherPage, '13800000011');
	const foreign = await otherPage.goto(previewUrl);
	expect(foreign?.status()).toBe(404);

	await page.getByRole('button', { name: '确认导入' }).click();
	await expect(page.getByTestId('import-done')).toContainText('已导入 2 户、3 人。');
	await expect(page).toHaveURL(previewUrl);

	// The same preview confirmed again from another tab imports nothing more.
	const again = await page.request.post(`${previewUrl}?/confirm`, {
		headers: { origin: new URL(previewUrl).origin },
		form: {}
	});
	expect(again.status()).toBeLessThan(500);

	await page.goto(`/committee/households?q=${tag}-001`);
	const list = page.getByTestId('household-list');
	await expect(list).toContainText(`${tag}-001`);
	await expect(list).toContainText('导入甲');
	await expect(list.locator('li')).toHaveCount(1);

	// Still one household of that number, and 马家村 doesn't see it.
	await otherPage.goto(`/committee/households?q=${tag}-001`);
	await expect(otherPage.getByTestId('household-list')).toHaveCount(0);
	await other.close();
});

test('a bad file lists every bad row as "第 N 行" and imports nothing', async ({ page }) => {
	await logIn(page, '13800000001');
	await page.goto('/committee/import');
	await page
		.locator('input[name="file"]')
		.setInputFiles(
			csv([
				`${tag}-BAD,坏路 1 号,一组,,是,,男,1950,户主,,,,,,`,
				`${tag}-BAD,坏路 1 号,一组,,否,坏乙,女,1850,配偶,12345,,,,,`
			])
		);
	await page.getByRole('button', { name: '上传并预览' }).click();

	const errors = page.getByTestId('import-errors');
	await expect(errors).toContainText('第 2 行: 姓名不能为空');
	await expect(errors).toContainText('第 3 行: 出生年份「1850」不对');
	await expect(errors).toContainText('第 3 行: 手机号「12345」不对，应为 11 位手机号');
	await expect(page.getByRole('alert').filter({ hasText: '没有导入任何数据' })).toBeVisible();
	await expect(page).toHaveURL(/\/committee\/import(\?.*)?$/);

	await page.goto(`/committee/households?q=${tag}-BAD`);
	await expect(page.getByTestId('household-list')).toHaveCount(0);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the upload form still previews a file', async ({ page }) => {
		await logIn(page, '13800000001');
		await page.goto('/committee/import');
		await page
			.locator('input[name="file"]')
			.setInputFiles(csv([`${tag}-NOJS,,,,是,无脚本,,,,,,,,,`]));
		await page.getByRole('button', { name: '上传并预览' }).click();
		await expect(page).toHaveURL(/\/committee\/import\/[a-z2-7]{24}$/);
		await expect(page.getByTestId('import-preview')).toContainText('共 1 行，将新增 1 户、1 人。');
	});
});
