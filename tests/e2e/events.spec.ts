import { expect, test } from '@playwright/test';
import { logIn } from './helpers';
import { markPage, stillSamePage, villageLocal } from './live-page';

/**
 * 睦邻活动 end to end: the committee (13800000001) creates an event whose check-in is open now;
 * the villager 刘建国 (13800000005) signs up himself and, 代办, his mother 陈桂兰; he checks in by
 * opening the URL of the staff page's rotating QR code, and the staff page's count updates live
 * without a reload; staff tick 陈桂兰 on the roster; a forged code is refused with a clear reason.
 */

test('sign up, check in by the rotating QR code with a live count, tick the roster, refuse a forged code', async ({
	browser
}) => {
	const title = `e2e 饺子宴 ${Date.now()}`;

	const staffContext = await browser.newContext();
	const staff = await staffContext.newPage();
	await logIn(staff, '13800000001');
	await staff.goto('/committee/events/new');
	await expect(staff.getByRole('heading', { name: '发起新活动' })).toBeVisible();
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
	await expect(staff.getByRole('heading', { name: title })).toBeVisible();
	await expect(staff.getByTestId('event-qr').locator('svg')).toBeVisible();
	await expect(staff.getByTestId('event-count')).toHaveText('0');
	await expect(staff.getByTestId('event-live')).toBeVisible();
	await markPage(staff);

	// The villager signs up himself and his mother, who agreed to 代办.
	const villagerContext = await browser.newContext();
	const villager = await villagerContext.newPage();
	await logIn(villager, '13800000005');
	await villager.goto(eventUrl);
	const self = villager.locator('[data-member]', { hasText: '我自己' });
	await self.getByRole('button', { name: '报名', exact: true }).click();
	await expect(villager.getByText('报名好了')).toBeVisible();
	await expect(self).toContainText('已报名');
	const mother = villager.locator('[data-member]', { hasText: '陈桂兰' });
	await mother.getByRole('button', { name: '报名', exact: true }).click();
	await expect(mother).toContainText('已报名');

	// A forged code is refused with a clear message, and nothing is counted.
	await villager.goto(`/events/${eventId}/checkin?t=${eventId}.1.aaaaaaaaaaaaaaaaaaaa`);
	await villager.getByTestId('checkin-confirm').click();
	await expect(villager.getByRole('alert')).toContainText('签到码不对');

	// He opens the URL of the QR code on the staff page (what the phone camera does) and confirms.
	const checkinUrl = await staff.getByTestId('checkin-url').getAttribute('href');
	expect(checkinUrl).toMatch(new RegExp(`/events/${eventId}/checkin\\?t=`));
	await villager.goto(checkinUrl!);
	await villager.getByTestId('checkin-confirm').click();
	await expect(villager.getByTestId('checkin-done')).toContainText('刘建国 签到成功');

	// The staff page counts him live, masked, without reloading.
	await expect(staff.getByTestId('event-count')).toHaveText('1', { timeout: 5_000 });
	await expect(staff.getByTestId('event-recent')).toContainText('刘*国');
	expect(await stillSamePage(staff)).toBe(true);

	// Checking in again is 已签到, not a second count.
	await villager.goto(checkinUrl!.replace(/^https?:\/\/[^/]+/, ''));
	await villager.getByTestId('checkin-confirm').click();
	const again = villager.getByTestId('checkin-done');
	await expect(again.or(villager.getByRole('alert'))).toContainText(/已签到过了|签到码已过期/);

	// Staff tick his mother on the roster (she has no phone).
	await staff.goto(`/events/${eventId}/roster`);
	const row = staff.locator('tr[data-member]', { hasText: '陈桂兰' });
	await row.getByRole('checkbox').check();
	await staff.getByRole('button', { name: '给勾选的人签到' }).click();
	await expect(staff.getByTestId('roster-done')).toContainText('陈桂兰');
	await expect(staff.getByTestId('roster-done')).toContainText('现在共 2 人');
	await expect(row).toContainText('名单勾选');

	// The public event page, without logging in, shows the count and masked names only.
	const visitorContext = await browser.newContext();
	const visitor = await visitorContext.newPage();
	await visitor.goto(eventUrl);
	await expect(visitor.getByTestId('event-count')).toHaveText('2');
	await expect(visitor.getByTestId('event-recent')).toContainText('陈*兰');
	await expect(visitor.getByText('刘建国')).toHaveCount(0);
	await expect(visitor.getByTestId('event-staff')).toHaveCount(0);

	await visitorContext.close();
	await villagerContext.close();
	await staffContext.close();
});
