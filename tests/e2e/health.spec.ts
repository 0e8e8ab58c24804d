import { expect, test } from '@playwright/test';

test('the health endpoint answers ok', async ({ request }) => {
	const response = await request.get('/api/v1/health');
	expect(response.status()).toBe(200);
	expect(await response.json()).toEqual({ status: 'ok' });
});

test('the login page shows a form with a phone field', async ({ page }) => {
	await page.goto('/login');
	const phone = page.locator('form input[name="phone"]');
	await expect(phone).toBeVisible();
	await expect(phone).toHaveAttribute('type', 'tel');
});
