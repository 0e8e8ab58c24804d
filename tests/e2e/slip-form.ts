import { expect, type Locator, type Page } from '@playwright/test';

/** Selects the first option whose text contains `text` (option labels carry points and units). */
export async function chooseOption(select: Locator, text: string): Promise<void> {
	const value = await select.locator('option', { hasText: text }).first().getAttribute('value');
	expect(value, `an option containing “${text}”`).toBeTruthy();
	await select.selectOption(value!);
}

/** Fills /slips/new (already open) for a member, e.g. "LT-001 刘建国", under a rule, with a note. */
export async function fillDeed(
	page: Page,
	deed: { member: string; rule: string; note: string }
): Promise<void> {
	await chooseOption(page.getByLabel('是谁做的'), deed.member);
	await chooseOption(page.getByLabel('按哪一条细则'), deed.rule);
	await page.getByLabel('说明（可不填）').fill(deed.note);
}
