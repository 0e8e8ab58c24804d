import { expect, test } from '@playwright/test';
import { logIn } from './helpers';

test('the town admin sees every village side by side and creates a new one', async ({
	browser
}) => {
	const suffix = String(Date.now()).slice(-6);
	const code = `e2e-${suffix}`;
	const name = `测试${suffix}村`;
	const phone = `167${String(Date.now()).slice(-8)}`;

	const admin = await browser.newPage();
	await logIn(admin, '13800000000');
	await expect(admin).toHaveURL('/town');

	const villages = admin.getByTestId('villages');
	const liutiao = villages.locator('[data-testid="village-row"][data-code="liutiao"]');
	const majia = villages.locator('[data-testid="village-row"][data-code="majia"]');
	await expect(liutiao).toContainText('柳条村');
	await expect(majia).toContainText('马家村');
	// Figures side by side: 柳条村 is the big demo village, 马家村 the small one.
	const households = async (row: typeof liutiao) =>
		Number(await row.getByTestId('households').innerText());
	expect(await households(liutiao)).toBeGreaterThan(await households(majia));
	expect(await households(majia)).toBeGreaterThan(0);
	await expect(liutiao.getByTestId('accounts')).not.toHaveText('0');

	const form = admin.getByTestId('create-village');
	await form.getByLabel('村名', { exact: true }).fill(name);
	await form.getByLabel('村代码（小写字母，用在网址和二维码上）').fill(code);
	await form.getByLabel('所属乡镇').fill('柳河镇');
	await form.getByLabel('手机号').fill(phone);
	await form.getByLabel('姓名').fill('新村委');
	await form.getByLabel('初始密码（至少 8 位）').fill('new-village-1');
	await form.getByRole('button', { name: '新建村' }).click();

	await expect(admin).toHaveURL(/\/town\?created=\d+/);
	await expect(admin.getByRole('status')).toContainText(name);
	const created = villages.locator(`[data-testid="village-row"][data-code="${code}"]`);
	await expect(created).toContainText(name);
	await expect(created.getByTestId('households')).toHaveText('0');
	await expect(created.getByTestId('accounts')).toHaveText('1');
	await admin.close();

	// The new village's first committee member can log in and lands on the committee desk.
	const committee = await browser.newContext();
	const page = await committee.newPage();
	await logIn(page, phone, 'new-village-1');
	await expect(page).toHaveURL('/committee');
	await expect(page.getByTestId('figure-households')).toContainText('0');
	await committee.close();
});

test('a village committee cannot reach the town overview', async ({ page }) => {
	await logIn(page, '13800000001');
	const response = await page.goto('/town');
	expect([403, 404]).toContain(response?.status());
	await expect(page.getByTestId('villages')).toHaveCount(0);
});

test('nobody signed out reaches the town overview', async ({ page }) => {
	await page.goto('/town');
	await expect(page).toHaveURL(/\/login/);
});
