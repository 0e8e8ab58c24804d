import { expect, test } from '@playwright/test';
import { logIn } from './helpers';

/**
 * A committee inspection end to end: 王秀英 (13800000001) scores three households of 柳条村 on
 * one rule at once; she can't approve what she recorded, so the second committee member 李卫东
 * (13800000006) approves the three slips in one batch, and they go up on the public 公示 board.
 */
test('the committee scores three households, another member approves them, the board shows them', async ({
	browser
}) => {
	const note = `e2e 门前三包检查 ${Date.now()}`;
	const households = ['LT-011', 'LT-012', 'LT-013'];

	const recorder = await browser.newContext();
	const page = await recorder.newPage();
	await logIn(page, '13800000001');
	await page.goto('/committee');
	await page.getByRole('link', { name: /巡查评分/ }).click();
	await expect(page.getByRole('heading', { name: '村委巡查评分' })).toBeVisible();
	const rule = page.locator('select[name="ruleId"]');
	const ruleValue = await rule
		.locator('option', { hasText: '门前三包落实到位' })
		.first()
		.getAttribute('value');
	expect(ruleValue).toBeTruthy();
	await rule.selectOption(ruleValue!);
	await page.locator('input[name="note"]').fill(note);
	const box = (number: string) =>
		page.getByRole('checkbox', { name: new RegExp(`^${number}(\\s|$)`) });
	// "Select all in group" and "clear group" tick and untick a whole ten-household group.
	const group = page.locator('section[data-group]', { has: box('LT-011') });
	await group.getByRole('button', { name: '全选本组' }).click();
	await expect(box('LT-011')).toBeChecked();
	await group.getByRole('button', { name: '取消本组' }).click();
	await expect(box('LT-011')).not.toBeChecked();
	await expect(page.getByText('已选 0 户')).toBeVisible();
	for (const number of households) await box(number).check();
	await expect(page.getByText('已选 3 户')).toBeVisible();
	await page.getByRole('button', { name: '提交评分' }).click();
	await expect(page.getByText('已为 3 户生成存单，等另一位村委审核。')).toBeVisible();
	// The form is cleared for the next inspection.
	await expect(page.getByText('已选 0 户')).toBeVisible();

	// Whoever recorded the slips can't approve them.
	await page.getByRole('link', { name: '去审核存单' }).click();
	await expect(page).toHaveURL(/\/committee\/slips/);
	const mine = page.locator('li[data-slip]', { hasText: note });
	await expect(mine).toHaveCount(3);
	await mine.first().getByRole('button', { name: '通过并公示' }).click();
	await expect(page.getByText('自己录入的存单不能自己审核，请换一位村委审核。')).toBeVisible();
	await expect(page.locator('li[data-slip]', { hasText: note })).toHaveCount(3);
	await recorder.close();

	const approver = await browser.newContext();
	const review = await approver.newPage();
	await logIn(review, '13800000006');
	await review.goto('/committee/slips');
	const cards = review.locator('li[data-slip]', { hasText: note });
	await expect(cards).toHaveCount(3);
	const ids: string[] = [];
	for (const number of households) {
		const card = cards.filter({ hasText: number });
		await expect(card).toContainText('待村委审核');
		ids.push((await card.getAttribute('data-slip'))!);
		await card.getByRole('checkbox').check();
	}
	await review.getByRole('button', { name: '通过选中的存单' }).click();
	await expect(review.getByText('已通过 3 张。')).toBeVisible();
	await expect(review.locator('li[data-slip]', { hasText: note })).toHaveCount(0);
	await approver.close();

	// The public board, without logging in.
	const visitor = await browser.newContext();
	const board = await visitor.newPage();
	await board.goto('/notice?village=liutiao');
	await expect(board.getByTestId('notice-board')).toBeVisible();
	for (const [i, id] of ids.entries()) {
		const row = board.locator(`tr[data-slip="${id}"]`);
		await expect(row).toContainText('门前三包落实到位');
		await expect(row).toContainText('+2');
		await expect(row).toContainText(households[i]!);
	}
	await visitor.close();
});
