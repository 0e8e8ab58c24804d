import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'jishan-demo';

/** Logs in through the real login form and waits for the landing page. */
export async function logIn(page: Page, phone: string, password = DEMO_PASSWORD): Promise<void> {
	await page.goto('/login');
	await page.getByLabel('手机号').fill(phone);
	await page.getByLabel('密码').fill(password);
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page).not.toHaveURL(/\/login/);
}
