import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { logIn } from './helpers';

/**
 * The committee's volunteer-hours report and the public 五星团队 rating, in 柳条村: the committee
 * (13800000001) opens the report from /committee/teams and downloads it; anyone sees a team's
 * stars with their workings on its public page.
 */

test('the committee opens the hours report and downloads it as xlsx', async ({ page }) => {
	await logIn(page, '13800000001');
	await page.goto('/committee/teams');
	await page.getByRole('link', { name: '服务时长统计' }).click();
	await expect(page).toHaveURL(/\/committee\/teams\/report$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('志愿服务时长统计');
	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: '导出 Excel' }).click();
	const file = await (await download).path();
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load((await readFile(file)) as unknown as ExcelJS.Buffer);
	expect(workbook.worksheets.map((s) => s.name)).toEqual(['按服务队', '按队员', '按月份']);
});

test('a team’s public page shows its star rating with the workings', async ({ page }) => {
	await page.goto('/teams?village=liutiao');
	await page
		.getByRole('link', { name: /柳条村环境志愿服务队/ })
		.first()
		.click();
	await expect(page).toHaveURL(/\/teams\/\d+$/);
	await expect(page.getByText('五星团队评分')).toBeVisible();
	await expect(page.getByText(/星（满 5 星）/)).toBeVisible();
	await expect(page.getByText(/人均服务时长/)).toBeVisible();
});
