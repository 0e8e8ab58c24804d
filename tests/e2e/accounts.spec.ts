import { expect, test } from '@playwright/test';
import { logIn } from './helpers';

/** A phone no login has yet (demo logins are 138…; generated villagers have no login). */
const freshPhone = () => `166${String(Date.now()).slice(-8)}`;

test('the committee gives a villager a login, resets its password, and the villager logs in with the new one', async ({
	browser
}) => {
	const phone = freshPhone();
	const committee = await browser.newPage();
	await logIn(committee, '13800000001');

	// Find 王淑芬 of household LT-001 (a demo villager without a login) and give her one.
	await committee.goto('/committee/accounts');
	await committee.getByRole('link', { name: '为村民开通账号' }).click();
	await expect(committee).toHaveURL('/committee/accounts/new');
	await committee.getByRole('searchbox', { name: '姓名或户号' }).fill('王淑芬');
	await committee.getByRole('button', { name: '搜索' }).click();
	await committee
		.getByTestId('members-without-login')
		.locator('li')
		.filter({ hasText: '王淑芬' })
		.filter({ hasText: 'LT-001' })
		.getByRole('link', { name: '为他/她开通' })
		.click();
	await committee.getByLabel('登录手机号').fill(phone);
	await committee.getByLabel('初始密码（至少 8 位）').fill('first-pass-1');
	await committee.getByRole('button', { name: '开通账号' }).click();
	await expect(committee).toHaveURL(/\/committee\/accounts\/\d+/);
	await expect(committee.getByRole('status')).toContainText('账号已开通');
	const accountUrl = committee.url();

	// The villager signs in on her own phone with the first password.
	const villagerContext = await browser.newContext();
	const villager = await villagerContext.newPage();
	await logIn(villager, phone, 'first-pass-1');
	await expect(villager).toHaveURL('/household');

	// The committee resets it: her session ends at once.
	await committee.goto(accountUrl);
	await committee.getByLabel('新密码（至少 8 位）').fill('reset-pass-2');
	await committee.getByRole('button', { name: '重置密码' }).click();
	await expect(committee.getByRole('status')).toContainText('密码已重置');

	await villager.goto('/household');
	await expect(villager).toHaveURL(/\/login/);

	// The old password no longer works; the new one does.
	await villager.getByLabel('手机号').fill(phone);
	await villager.getByLabel('密码').fill('first-pass-1');
	await villager.getByRole('button', { name: '登录' }).click();
	await expect(villager.getByRole('alert')).toContainText('手机号或密码不正确');

	await logIn(villager, phone, 'reset-pass-2');
	await expect(villager).toHaveURL('/household');

	// The account shows in the committee's list.
	await committee.goto(`/committee/accounts?q=${phone}`);
	await expect(
		committee.locator(`[data-testid="account-row"][data-phone="${phone}"]`)
	).toContainText('王淑芬');
	await villagerContext.close();
	await committee.close();
});

test('a committee member cannot deactivate themself', async ({ page }) => {
	await logIn(page, '13800000001');
	await page.goto('/committee/accounts?q=13800000001');
	await page
		.locator('[data-testid="account-row"][data-phone="13800000001"]')
		.getByRole('link', { name: '管理' })
		.click();
	await expect(page.getByRole('button', { name: '停用账号' })).toBeDisabled();
	await expect(page.getByRole('button', { name: '取消村委' })).toBeDisabled();
});
