import { expect, test } from '@playwright/test';
import { logIn } from './helpers';
import { markPage, stillSamePage, villageLocal } from './live-page';

/**
 * 广场大屏 end to end: an anonymous TV shows /screen/liutiao; the committee (13800000001) has an
 * event with check-in open now; the villager 刘建国 (13800000005) signs up himself and his mother
 * 陈桂兰 and checks in by the QR code's URL — the screen counts him and shows his masked name
 * without a reload. Then the TV loses its network, staff tick 陈桂兰 on the roster meanwhile, and
 * the screen catches up by itself once the network is back.
 */

test('the square screen counts check-ins live and catches up after a network drop', async ({
	browser
}) => {
	const title = `e2e 大屏 ${Date.now()}`;

	// Today's event (village time), check-in open now.
	const staffContext = await browser.newContext();
	const staff = await staffContext.newPage();
	await logIn(staff, '13800000001');
	await staff.goto('/committee/events/new');
	await staff.getByLabel('活动类型').selectOption('饺子宴');
	await staff.getByLabel('活动名称').fill(title);
	await staff.getByLabel('地点', { exact: true }).fill('村委会大院');
	await staff.getByLabel('开始时间').fill(villageLocal(0));
	await staff.getByLabel('结束时间').fill(villageLocal(120));
	await staff.getByLabel('开始签到').fill(villageLocal(-10));
	await staff.getByLabel('签到截止').fill(villageLocal(120));
	await staff.getByRole('button', { name: '发布活动' }).click();
	await expect(staff).toHaveURL(/\/events\/\d+$/);
	const eventUrl = new URL(staff.url()).pathname;
	const eventId = eventUrl.split('/').pop()!;

	// The TV: no login.
	const tvContext = await browser.newContext();
	const tv = await tvContext.newPage();
	await tv.goto('/screen/liutiao');
	await expect(tv.getByRole('heading', { name: '柳条村 道德银行' })).toBeVisible();
	const row = tv.locator(`[data-event="${eventId}"]`);
	await expect(row).toContainText(title);
	await expect(row.getByTestId('screen-count')).toHaveText('0');
	await expect(tv.getByTestId('screen-connection')).toContainText('实时更新');
	await markPage(tv);

	// The villager signs up himself and his mother (代办), then checks in by the QR code's URL.
	const villagerContext = await browser.newContext();
	const villager = await villagerContext.newPage();
	await logIn(villager, '13800000005');
	await villager.goto(eventUrl);
	const self = villager.locator('[data-member]', { hasText: '我自己' });
	await self.getByRole('button', { name: '报名', exact: true }).click();
	await expect(self).toContainText('已报名');
	const mother = villager.locator('[data-member]', { hasText: '陈桂兰' });
	await mother.getByRole('button', { name: '报名', exact: true }).click();
	await expect(mother).toContainText('已报名');
	const checkinUrl = await staff.getByTestId('checkin-url').getAttribute('href');
	expect(checkinUrl).toMatch(new RegExp(`/events/${eventId}/checkin\\?t=`));
	await villager.goto(checkinUrl!);
	await villager.getByTestId('checkin-confirm').click();
	await expect(villager.getByTestId('checkin-done')).toContainText('刘建国 签到成功');

	// The screen counts him, masked, without a reload.
	await expect(row.getByTestId('screen-count')).toHaveText('1', { timeout: 5_000 });
	const checkins = tv.getByTestId('screen-checkins');
	await expect(checkins).toContainText(`刘*国 参加 ${title}`);
	await expect(tv.getByText('刘建国')).toHaveCount(0);
	expect(await stillSamePage(tv)).toBe(true);

	// The TV loses its network; staff tick his mother on the roster meanwhile.
	await tvContext.setOffline(true);
	await expect(tv.getByTestId('screen-connection')).toContainText('正在重新连接');
	await staff.goto(`/events/${eventId}/roster`);
	const rosterRow = staff.locator('tr[data-member]', { hasText: '陈桂兰' });
	await rosterRow.getByRole('checkbox').check();
	await staff.getByRole('button', { name: '给勾选的人签到' }).click();
	await expect(staff.getByTestId('roster-done')).toContainText('现在共 2 人');

	// Back online: the screen catches up by itself, each check-in once, newest first.
	await tvContext.setOffline(false);
	await expect(tv.getByTestId('screen-connection')).toContainText('实时更新', { timeout: 15_000 });
	await expect(row.getByTestId('screen-count')).toHaveText('2', { timeout: 15_000 });
	await expect(checkins).toContainText(`陈*兰 参加 ${title}`);
	await expect(checkins.getByText(`刘*国 参加 ${title}`)).toHaveCount(1);
	await expect(checkins.getByText(`陈*兰 参加 ${title}`)).toHaveCount(1);
	const texts = await checkins.locator('li').allTextContents();
	const at = (n: string) => texts.findIndex((t) => t.includes(`${n} 参加 ${title}`));
	expect(at('陈*兰')).toBeLessThan(at('刘*国'));
	await expect(tv.getByText('陈桂兰')).toHaveCount(0);
	expect(await stillSamePage(tv)).toBe(true);

	await villagerContext.close();
	await tvContext.close();
	await staffContext.close();
});

test('without JavaScript the screen still shows today; links lead to it; unknown village is 404', async ({
	browser
}) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/screen/liutiao');
	await expect(page.getByRole('heading', { name: '柳条村 道德银行' })).toBeVisible();
	await expect(page.getByTestId('screen-events')).toContainText('今天的活动');
	await expect(page.getByTestId('screen-notices')).toBeVisible();
	const missing = await page.goto('/screen/no-such-village');
	expect(missing?.status()).toBe(404);
	await page.goto('/events?village=liutiao');
	await page.getByTestId('events-screen-link').click();
	await expect(page).toHaveURL('/screen/liutiao');
	await context.close();

	const staffContext = await browser.newContext();
	const staff = await staffContext.newPage();
	await logIn(staff, '13800000001');
	await staff.goto('/committee');
	await staff.getByRole('link', { name: '广场大屏' }).click();
	await expect(staff).toHaveURL('/screen/liutiao');
	await expect(staff.getByTestId('screen-events')).toBeVisible();
	await staffContext.close();
});
