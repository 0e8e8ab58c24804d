import { expect, test, type Page } from '@playwright/test';
import { logIn } from './helpers';
import { markPage, stillSamePage } from './live-page';

/** A suffix no other run against this server's database has used. */
const unique = () => String(Date.now()).slice(-6);

const numberIn = async (page: Page, testId: string) =>
	Number((await page.getByTestId(testId).innerText()).replace(/[^\d.+-]/g, ''));

/** Marks the page so a reload (which would lose the mark) can be told from a live update. */

/** The demo team's members besides the leader; 刘建国 is the head of LT-001. */
const FIVE = ['刘建国', '周浩然', '李欣怡', '赵国强', '孙长福'];

test('a team leader logs an activity for five members and LT-001’s household page shows the points live', async ({
	browser
}) => {
	const content = `清扫村道${unique()}`;
	const headContext = await browser.newContext();
	const head = await headContext.newPage();
	await logIn(head, '13800000005');
	await head.goto('/household');
	await expect(head.getByTestId('household-summary')).toHaveAttribute('data-live', 'on');
	const before = await numberIn(head, 'balance');
	await markPage(head);

	const leaderContext = await browser.newContext();
	const leader = await leaderContext.newPage();
	await logIn(leader, '13800000003');
	await leader.goto('/team');
	await leader.getByRole('link', { name: '柳条村环境志愿服务队' }).click();
	await expect(leader).toHaveURL(/\/team\/\d+$/);
	const form = leader.getByTestId('log-activity');
	await form.getByLabel('服务内容').fill(content);
	await form.getByLabel('地点').fill('村口');
	for (const name of FIVE) {
		await form.locator('tbody tr', { hasText: name }).getByRole('checkbox').check();
	}
	// 2 hours each (the default choice) at the village's 10 points an hour.
	await form.getByRole('button', { name: '保存记录' }).click();
	await expect(
		leader.getByRole('status').filter({ hasText: '已记录 5 人的服务时长' })
	).toBeVisible();
	await expect(leader.locator('[data-record]').filter({ hasText: content })).toHaveCount(5);
	// The roster shows the hours.
	await expect(leader.getByTestId('roster').locator('tr', { hasText: '刘建国' })).toContainText(
		'2'
	);

	await expect.poll(() => numberIn(head, 'balance'), { timeout: 15_000 }).toBe(before + 20);
	expect(await stillSamePage(head)).toBe(true);

	await headContext.close();
	await leaderContext.close();
});

test('a volunteer sees their hours, prints a certificate, and the public page verifies it', async ({
	page,
	browser
}) => {
	await logIn(page, '13800000005');
	await page.goto('/volunteer');
	await expect(page.getByTestId('total-hours')).toBeVisible();
	expect(await numberIn(page, 'total-hours')).toBeGreaterThanOrEqual(2);
	await expect(page.locator('[data-team]', { hasText: '柳条村环境志愿服务队' })).toContainText(
		'在队'
	);
	await page.getByRole('button', { name: '开具志愿服务证明' }).click();
	await expect(page).toHaveURL(/\/volunteer\/certificate\//);
	await expect(page.getByTestId('certificate')).toContainText('刘建国');
	await expect(page.getByTestId('certificate').locator('svg')).toBeVisible();
	const verifyUrl = await page.getByTestId('verify-url').innerText();

	const visitorContext = await browser.newContext();
	const visitor = await visitorContext.newPage();
	await visitor.goto(verifyUrl);
	await expect(visitor.getByTestId('verify-result')).toHaveAttribute('data-genuine', 'yes');
	await expect(visitor.getByTestId('verify-result')).toContainText('刘*国');
	await expect(visitor.getByTestId('verify-result')).not.toContainText('刘建国');
	await visitor.goto(verifyUrl.replace(/t=[a-z0-9]+/, 't=forgedforgedforg'));
	await expect(visitor.getByTestId('verify-result')).toHaveAttribute('data-genuine', 'no');
	await visitorContext.close();
});

test('the public team list and team page show counts and hours, no names', async ({ browser }) => {
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto('/teams');
	await page.getByRole('link', { name: /柳条村/ }).click();
	await expect(page).toHaveURL(/\/teams\?village=liutiao/);
	await page.getByRole('link', { name: '柳条村环境志愿服务队' }).click();
	await expect(page.getByTestId('member-count')).toHaveText('7');
	await expect(page.locator('main')).not.toContainText('刘建国');
	await context.close();
});
