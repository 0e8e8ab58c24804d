import { expect, test } from '@playwright/test';
import { logIn } from './helpers';
import { fillDeed } from './slip-form';

/**
 * 道德存单 end to end: the 十户长 of 第1联组 (13800000004) records a deed for 刘建国 of LT-001, the
 * committee (13800000001) approves it from the review queue, and it appears on the public 公示
 * board of 柳条村 with the name masked.
 */
test('a 十户长 records a deed, the committee approves it, the notice board shows it masked', async ({
	browser
}) => {
	const note = `e2e 调解纠纷 ${Date.now()}`;

	const leader = await browser.newContext();
	const leaderPage = await leader.newPage();
	await logIn(leaderPage, '13800000004');
	await leaderPage.goto('/slips/new');
	await expect(leaderPage.getByRole('heading', { name: '登记好人好事' })).toBeVisible();
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
	// Recorded by the 十户长 of the household's group, so it is already checked.
	await expect(card).toContainText('待村委审核');
	await expect(card).toContainText('LT-001');
	const slipId = await card.getAttribute('data-slip');
	await card.getByRole('button', { name: '通过并公示' }).click();
	await expect(page.getByText('已处理。')).toBeVisible();
	await expect(page.locator(`li[data-slip="${slipId}"]`)).toHaveCount(0);
	await committee.close();

	// The public board, without logging in.
	const visitor = await browser.newContext();
	const board = await visitor.newPage();
	await board.goto('/notice?village=liutiao');
	await expect(board.getByTestId('notice-board')).toBeVisible();
	const row = board.locator(`tr[data-slip="${slipId}"]`);
	await expect(row).toContainText('刘*国');
	await expect(row).toContainText('调解邻里纠纷成功');
	await expect(row).toContainText('+10');
	await expect(row).toContainText('LT-001');
	await expect(board.getByTestId('notice-board')).not.toContainText('刘建国');
	await expect(board.getByTestId('notice-board')).not.toContainText(note);
	await visitor.close();
});

/**
 * Without JavaScript a double tap sends the report form twice; both posts carry the page's
 * one-time request key, so the committee's queue shows one slip.
 */
test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the same report form sent twice makes one slip', async ({ page, browser, baseURL }) => {
		const note = `e2e 双击 ${Date.now()}`;
		await logIn(page, '13800000004');
		await page.goto('/slips/new');
		await fillDeed(page, { member: 'LT-001 刘建国', rule: '调解邻里纠纷成功', note });
		const form = page.locator('form[method="POST"]');
		const fields = {
			requestKey: await form.locator('input[name="requestKey"]').inputValue(),
			memberId: await form.getByLabel('是谁做的').inputValue(),
			ruleId: await form.getByLabel('按哪一条细则').inputValue(),
			occurredOn: await form.locator('input[name="occurredOn"]').inputValue(),
			note
		};
		expect(fields.requestKey).toMatch(/^[\w-]{16}$/);
		// Two posts of the very same form, through the page's own session, as two taps would send.
		for (let i = 0; i < 2; i++) {
			const res = await page.request.post('/slips/new', {
				multipart: fields,
				// What a browser sends: text/html makes it a plain form post, not an enhanced one.
				headers: { origin: baseURL!, accept: 'text/html' },
				maxRedirects: 0
			});
			expect(res.status()).toBe(303);
		}

		const committee = await browser.newContext();
		const queue = await committee.newPage();
		await logIn(queue, '13800000001');
		await queue.goto('/committee/slips');
		await expect(queue.locator('li[data-slip]', { hasText: note })).toHaveCount(1);
		await committee.close();
	});
});
