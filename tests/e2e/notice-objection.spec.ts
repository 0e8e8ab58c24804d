import { expect, test, type Browser, type Page } from '@playwright/test';
import { endNoticePeriod } from './e2e-db';
import { logIn } from './helpers';
import { fillDeed } from './slip-form';
import { markPage, stillSamePage } from './live-page';

/**
 * 公示 objections end to end: a deed of 刘建国 (LT-001) goes up on 柳条村's notice board, a
 * villager objects, the committee dismisses the objection with a reason, and when the notice
 * period is over the points are credited — the household head's page, open all along, shows the
 * new balance and the notice without a reload.
 */

const numberIn = async (page: Page, testId: string) =>
	Number((await page.getByTestId(testId).innerText()).replace(/[^\d+-]/g, ''));

/** Marks the page so a reload (which would lose the mark) can be told from a live update. */

/**
 * The 十户长 of 第1联组 (13800000004) records 调解邻里纠纷成功 (+10) for 刘建国 of LT-001 and the
 * committee (13800000001) approves it: it is on the notice board. Returns the slip's id.
 */
async function postSlip(browser: Browser, note: string): Promise<number> {
	const leader = await browser.newContext();
	const leaderPage = await leader.newPage();
	await logIn(leaderPage, '13800000004');
	await leaderPage.goto('/slips/new');
	await fillDeed(leaderPage, { member: 'LT-001 刘建国', rule: '调解邻里纠纷成功', note });
	await leaderPage.getByRole('button', { name: '提交' }).click();
	await expect(leaderPage.getByText('已提交，等待审核。')).toBeVisible();
	await leader.close();

	const committee = await browser.newContext();
	const page = await committee.newPage();
	await logIn(page, '13800000001');
	await page.goto('/committee/slips');
	const card = page.locator('li[data-slip]', { hasText: note });
	await expect(card).toHaveCount(1);
	const slipId = Number(await card.getAttribute('data-slip'));
	await card.getByRole('button', { name: '通过并公示' }).click();
	await expect(page.getByText('已处理。')).toBeVisible();
	await committee.close();
	return slipId;
}

test('a villager objects on the notice board, the committee dismisses it, the points arrive live after 公示', async ({
	browser
}) => {
	const slipId = await postSlip(browser, `e2e 异议 ${Date.now()}`);
	const reason = `那天他在外地打工 ${Date.now()}`;

	// The household head opens the household page now and never reloads it.
	const headContext = await browser.newContext();
	const head = await headContext.newPage();
	await logIn(head, '13800000005');
	await head.goto('/household');
	await expect(head.getByTestId('household-summary')).toHaveAttribute('data-live', 'on');
	const before = await numberIn(head, 'balance');
	await markPage(head);

	// Another villager (the team leader 孙志强, who lives in 柳条村) objects.
	const objectorContext = await browser.newContext();
	const objector = await objectorContext.newPage();
	await logIn(objector, '13800000003');
	await objector.goto('/notice?village=liutiao');
	const row = objector.locator(`tr[data-slip="${slipId}"]`);
	await expect(row).toContainText('调解邻里纠纷成功');
	await row.getByText('提异议', { exact: true }).click();
	await row.getByLabel('哪里不对？请写明理由').fill(reason);
	await row.getByRole('button', { name: '提交异议' }).click();
	await expect(row.getByRole('status')).toContainText('异议已提交');
	await expect(row.getByTestId('objected')).toHaveText('已有异议，待村委核实');
	// The household hears of it at once (a toast shows for ten seconds).
	await expect(head.getByTestId('toast').filter({ hasText: '提出异议' })).toBeVisible();
	// One objection per person: after a reload the row says so instead of offering the form.
	await objector.reload();
	await expect(row.getByTestId('objected-by-me')).toHaveText('您已提过异议');
	await expect(row.getByText('提异议', { exact: true })).toHaveCount(0);
	await objectorContext.close();

	// The public board says an objection stands, never who raised it or why.
	const visitorContext = await browser.newContext();
	const visitor = await visitorContext.newPage();
	await visitor.goto('/notice?village=liutiao');
	const publicRow = visitor.locator(`tr[data-slip="${slipId}"]`);
	await expect(publicRow).toContainText('已有异议，待村委核实');
	await expect(publicRow.getByText('提异议')).toHaveCount(0);
	await expect(visitor.getByTestId('notice-board')).not.toContainText('孙志强');
	await expect(visitor.getByTestId('notice-board')).not.toContainText(reason);
	await visitorContext.close();

	// The committee finds it from its home page and dismisses it, with a reason.
	const committeeContext = await browser.newContext();
	const committee = await committeeContext.newPage();
	await logIn(committee, '13800000001');
	await committee.goto('/committee');
	await committee.getByRole('link', { name: /处理异议（\d+ 条待处理）/ }).click();
	await expect(committee).toHaveURL('/committee/objections');
	const card = committee.getByTestId('standing-objections').locator(`li[data-slip="${slipId}"]`);
	await expect(card).toContainText(reason);
	await expect(card).toContainText('孙志强');
	await expect(card).toContainText('LT-001');
	await card.getByLabel('处理理由（必填）').fill('已向调解双方核实，属实');
	await card.getByRole('button', { name: '异议不成立，照常加分' }).click();
	await expect(committee.getByText('已处理。')).toBeVisible();
	await expect(head.getByTestId('toast').filter({ hasText: '异议不成立' })).toBeVisible();
	const decided = committee.getByTestId('resolved-objections').locator(`li[data-slip="${slipId}"]`);
	await expect(decided).toContainText('异议不成立');
	await expect(decided).toContainText('已向调解双方核实，属实');
	await expect(
		committee.getByTestId('standing-objections').locator(`li[data-slip="${slipId}"]`)
	).toHaveCount(0);
	await committeeContext.close();

	// Still within its 公示 period: nothing credited yet.
	expect(await numberIn(head, 'balance')).toBe(before);

	// Seven days pass (in the database); the server's credit timer credits it.
	endNoticePeriod(slipId);
	await expect(head.getByTestId('toast').filter({ hasText: '已入账' })).toBeVisible({
		timeout: 15_000
	});
	await expect.poll(() => numberIn(head, 'balance'), { timeout: 15_000 }).toBe(before + 10);
	expect(await stillSamePage(head)).toBe(true);

	// The statement agrees.
	await head.goto('/household/statement');
	await expect(head.getByTestId('statement-balance')).toHaveText(String(before + 10));
	await headContext.close();
});

test('the objection form works without JavaScript', async ({ browser }) => {
	const slipId = await postSlip(browser, `e2e 异议 无JS ${Date.now()}`);
	const reason = `不像是调解成功 ${Date.now()}`;

	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await logIn(page, '13800000005');
	await page.goto('/notice?village=liutiao');
	const row = page.locator(`tr[data-slip="${slipId}"]`);
	// <details> opens without script.
	await row.getByText('提异议', { exact: true }).click();
	await row.getByLabel('哪里不对？请写明理由').fill(reason);
	await row.getByRole('button', { name: '提交异议' }).click();
	await expect(page).toHaveURL(/\/notice\?village=liutiao/);
	await expect(row.getByRole('status')).toContainText('异议已提交');
	await expect(row.getByTestId('objected')).toHaveText('已有异议，待村委核实');

	// The household's statement shows the slip waiting for the committee.
	await page.goto('/household/statement');
	await expect(page.getByTestId('pending-slips')).toContainText('已有异议，待村委核实');
	await context.close();

	// The committee upholds it: the slip leaves the board and is never credited.
	const committeeContext = await browser.newContext();
	const committee = await committeeContext.newPage();
	await logIn(committee, '13800000001');
	await committee.goto('/committee/objections');
	const card = committee.getByTestId('standing-objections').locator(`li[data-slip="${slipId}"]`);
	await card.getByLabel('处理理由（必填）').fill('核实后不属实，撤回');
	await card.getByRole('button', { name: '异议成立，撤回' }).click();
	await expect(committee.getByText('已处理。')).toBeVisible();
	await expect(
		committee.getByTestId('resolved-objections').locator(`li[data-slip="${slipId}"]`)
	).toContainText('异议成立，已撤回');
	await committee.goto('/notice?village=liutiao');
	await expect(committee.locator(`tr[data-slip="${slipId}"]`)).toHaveCount(0);
	await committeeContext.close();
});
