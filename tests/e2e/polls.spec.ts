import { expect, test } from '@playwright/test';
import { logIn } from './helpers';

/**
 * 征求意见 end to end: the committee of 柳条村 (13800000001) opens a poll; the head of LT-001
 * (13800000005) votes and changes the vote — once with JavaScript, once without; the committee
 * closes it early; an anonymous visitor sees the results (counts only).
 */
test('committee opens a poll, a household votes and changes it, results are public after close', async ({
	browser
}) => {
	const title = `e2e 进什么货 ${Date.now()}`;

	const committee = await browser.newContext();
	const admin = await committee.newPage();
	await logIn(admin, '13800000001');
	await admin.goto('/committee');
	await admin.getByRole('link', { name: '征求意见：发起和结束' }).click();
	await expect(admin).toHaveURL('/committee/polls');
	await admin.getByLabel('问题').fill(title);
	await admin.locator('textarea[name="options"]').fill('挂面\n酱油\n洗洁精');
	await admin.getByRole('button', { name: '发起' }).click();
	await expect(admin.getByText('已发起。村里的动态里已经通知大家。')).toBeVisible();
	const openCard = admin.locator(`li[data-poll="${title}"]`);
	await expect(openCard).toContainText('挂面 / 酱油 / 洗洁精');
	// Links are relative in server-rendered HTML: take the poll's path from where the link leads.
	await openCard.getByRole('link', { name: title }).click();
	await expect(admin).toHaveURL(/\/polls\/\d+$/);
	const href = new URL(admin.url()).pathname;
	await expect(admin.getByRole('heading', { name: title })).toBeVisible();

	// The household head votes, then changes the vote.
	const home = await browser.newContext();
	const villager = await home.newPage();
	await logIn(villager, '13800000005');
	await villager.goto('/polls');
	const listed = villager.locator(`li[data-poll="${title}"]`);
	await expect(listed).toContainText('您家还没有投票');
	await listed.getByRole('link', { name: '去投票' }).click();
	await expect(villager).toHaveURL(href);
	await expect(villager.getByText('结束前不公布票数，结束后大家都能看到结果。')).toBeVisible();
	await villager.getByRole('radio', { name: '挂面' }).check();
	await villager.getByRole('button', { name: '投票' }).click();
	await expect(villager.getByTestId('my-vote')).toHaveText('您家已选：挂面');
	await expect(villager.getByRole('radio', { name: '挂面' })).toBeChecked();
	await villager.getByRole('radio', { name: '酱油' }).check();
	await villager.getByRole('button', { name: '改投' }).click();
	await expect(villager.getByTestId('my-vote')).toHaveText('您家已选：酱油');
	await villager.goto('/polls');
	await expect(villager.locator(`li[data-poll="${title}"]`)).toContainText('您家已选：酱油');
	await home.close();

	// Without JavaScript the vote form still works (a plain POST, then back to the page).
	const noScript = await browser.newContext({ javaScriptEnabled: false });
	const plain = await noScript.newPage();
	await logIn(plain, '13800000005');
	await plain.goto(href);
	await expect(plain.getByTestId('my-vote')).toHaveText('您家已选：酱油');
	await expect(plain.getByRole('radio', { name: '酱油' })).toBeChecked();
	await plain.getByRole('radio', { name: '洗洁精' }).check();
	await plain.getByRole('button', { name: '改投' }).click();
	await expect(plain).toHaveURL(`${href}?voted=1`);
	await expect(plain.getByText('已记下您家的选择。')).toBeVisible();
	await expect(plain.getByTestId('my-vote')).toHaveText('您家已选：洗洁精');
	await noScript.close();

	// The committee closes it early.
	await admin.goto('/committee/polls');
	await admin.locator(`li[data-poll="${title}"]`).getByRole('button', { name: '提前结束' }).click();
	await expect(admin.getByText('已结束，结果已经公开。')).toBeVisible();
	await expect(admin.getByTestId('committee-open-polls').getByText(title)).toHaveCount(0);
	await committee.close();

	// Anyone sees the results: households per option, no names.
	const visitor = await browser.newContext();
	const page = await visitor.newPage();
	await page.goto('/polls');
	await page.getByRole('link', { name: /柳条村/ }).click();
	await expect(page).toHaveURL('/polls?village=liutiao');
	const closed = page.getByTestId('closed-polls').locator(`li[data-poll="${title}"]`);
	await expect(closed).toContainText('村委会提前结束了');
	await expect(closed.locator('li[data-option="洗洁精"]')).toContainText('1 户');
	await expect(closed.locator('li[data-option="挂面"]')).toContainText('0 户');
	await expect(closed.locator('li[data-option="酱油"]')).toContainText('0 户');
	await expect(closed.getByTestId('households-voted')).toHaveText('一共 1 户投了票');
	await page.goto(href);
	await expect(page.getByTestId('poll-results')).toBeVisible();
	await expect(page.getByRole('radio')).toHaveCount(0);
	await visitor.close();
});
