import { expect, test } from '@playwright/test';
import { logIn } from './helpers';

/** A suffix no other run against this server's database has used. */
const unique = () => String(Date.now()).slice(-6);

/** The village's calendar day (Asia/Shanghai) `n` days from now, "YYYY-MM-DD". */
const villageDay = (n = 0) => {
	const today = new Intl.DateTimeFormat('en-CA', {
		timeZone: 'Asia/Shanghai',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit'
	}).format(new Date());
	return new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
};

test('the committee records a visit to 陈桂兰 from the worklist and she shows as done', async ({
	page
}) => {
	const health = `精神很好${unique()}`;
	await logIn(page, '13800000001');
	await page.goto('/care');
	await expect(page.getByRole('heading', { name: '巡访名单' })).toBeVisible();
	const row = page.getByTestId('care-elder').filter({ hasText: '陈桂兰' });
	await expect(row).toHaveCount(1);
	await row.getByRole('link', { name: '记录走访' }).click();
	await expect(page).toHaveURL(/\/care\/visit\/new\?elder=\d+$/);
	await expect(page.getByText('走访对象：陈桂兰（LT-001）')).toBeVisible();
	await page.getByLabel('身体情况').fill(health);
	await page.getByLabel('需要什么帮助').fill('冬天需要一床厚被子');
	await page.getByRole('button', { name: '保存走访记录' }).click();

	await expect(page).toHaveURL(/\/care\?recorded=\d+$/);
	await expect(page.getByText('走访已记下')).toBeVisible();
	// Medium risk: the next visit is due 30 days after today's.
	const done = page.getByTestId('care-elder').filter({ hasText: '陈桂兰' });
	await expect(done).toHaveAttribute('data-status', 'ok');
	await expect(done).toContainText('按时');
	await expect(done).toContainText(`上次走访：${villageDay()}`);
	await expect(done.getByTestId('care-next-due')).toHaveText(`下次：${villageDay(30)}`);

	await done.getByRole('link', { name: '走访记录' }).click();
	await expect(page.getByRole('heading', { name: '陈桂兰 的走访记录' })).toBeVisible();
	await expect(page.getByText(health)).toBeVisible();
});

test('a villager is refused the care worklist and its pages', async ({ page }) => {
	await logIn(page, '13800000005');
	const list = await page.goto('/care');
	expect(list?.status()).toBe(403);
	await expect(page.getByText('独居')).toHaveCount(0);
	const committee = await page.goto('/committee/care');
	expect([403, 404]).toContain(committee?.status());
});
