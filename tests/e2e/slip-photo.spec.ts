import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { logIn } from './helpers';

/**
 * Photo evidence and 受助人登记 end to end, in 柳条村: 刘建国 (13800000005, LT-001) reports his
 * household's 美丽庭院 with a photo the rule asks for, and that 吴春梅 of LT-002 helped him; the
 * committee (13800000001) sees the thumbnail, and the second slip under LT-002.
 */

/** A phone photo, made here: 1600×1200 with GPS in its EXIF. */
const photo = async () => ({
	name: 'yard.jpg',
	mimeType: 'image/jpeg',
	buffer: await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#4a8' } })
		.withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '30/1 15/1 0/1' } })
		.jpeg()
		.toBuffer()
});

test('a villager reports a deed with a photo; the committee sees the thumbnail', async ({
	browser
}) => {
	const note = `e2e 美丽庭院 ${Date.now()}`;
	const villager = await browser.newContext();
	const page = await villager.newPage();
	await logIn(page, '13800000005');
	await page.goto('/slips/new');
	const member = page.getByLabel('是谁做的');
	const memberValue = await member
		.locator('option', { hasText: 'LT-001 刘建国' })
		.first()
		.getAttribute('value');
	await member.selectOption(memberValue!);
	const rule = page.getByLabel('按哪一条细则');
	const option = rule.locator('option', { hasText: '美丽庭院' }).first();
	// The rule list says which rules need a photo.
	await expect(option).toContainText('需附照片');
	await rule.selectOption((await option.getAttribute('value'))!);
	await page.getByLabel('说明（可不填）').fill(note);

	// Without the photo the rule asks for, the report is refused.
	await page.getByRole('button', { name: '提交', exact: true }).click();
	await expect(page.getByText('这条细则要求附照片').first()).toBeVisible();

	await page.locator('input[type="file"][name="photo"]').setInputFiles(await photo());
	await page.getByRole('button', { name: '提交', exact: true }).click();
	await expect(page.getByText('已提交，等待审核。')).toBeVisible();
	await villager.close();

	const committee = await browser.newContext();
	const review = await committee.newPage();
	await logIn(review, '13800000001');
	await review.goto('/committee/slips');
	const card = review.locator('li[data-slip]', { hasText: note });
	await expect(card).toHaveCount(1);
	const thumb = card.getByRole('img', { name: '存单照片' });
	await expect(thumb).toBeVisible();
	await expect
		.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
		.toBeGreaterThan(0);
	const href = await card.locator('a[data-photo]').getAttribute('href');
	expect(href).toMatch(/^\/photos\/[a-z2-7]{26}\.jpg$/);
	const full = await review.request.get(href!);
	expect(full.status()).toBe(200);
	expect(full.headers()['content-type']).toBe('image/jpeg');
	expect(full.headers()['cache-control']).toMatch(/^private/);
	const stored = await sharp(await full.body()).metadata();
	// Fitted into 1280×1280, and the GPS position is gone.
	expect([stored.width, stored.height]).toEqual([1280, 960]);
	expect(stored.exif).toBeUndefined();
	await committee.close();

	// Not on the notice board yet: no one else may see it.
	const visitor = await browser.newContext();
	expect((await visitor.request.get(href!)).status()).toBe(404);
	await visitor.close();
});

test('a villager reports that a neighbour helped; the slip goes to the neighbour’s household', async ({
	browser
}) => {
	const note = `e2e 帮我修屋顶 ${Date.now()}`;
	const villager = await browser.newContext();
	const page = await villager.newPage();
	await logIn(page, '13800000005');
	await page.goto('/household');
	await page.getByRole('link', { name: '有人帮了我' }).click();
	await expect(page).toHaveURL('/slips/helped');
	await expect(page.getByRole('heading', { name: '有人帮了我' })).toBeVisible();

	await page.getByLabel('帮忙的人叫什么').fill('吴春梅');
	await page.getByLabel('他家的户号').fill('LT-002');
	const rule = page.getByLabel('他做了什么好事');
	// Deductions can't be reported this way: the list has only rules that award points.
	await expect(rule.locator('option', { hasText: '参与赌博' })).toHaveCount(0);
	const value = await rule
		.locator('option', { hasText: '帮助邻里解决生产生活困难' })
		.first()
		.getAttribute('value');
	await rule.selectOption(value!);
	await page.getByLabel('说明（可不填）').fill(note);
	await page.getByRole('button', { name: '提交', exact: true }).click();
	await expect(page.getByText('谢谢您！已经提交，村委核实后会公示。')).toBeVisible();

	// Naming someone of one's own household is refused with a clear message.
	await page.getByLabel('帮忙的人叫什么').fill('王淑芬');
	await page.getByLabel('他家的户号').fill('');
	await page.getByRole('button', { name: '提交', exact: true }).click();
	await expect(page.getByText('这是您自己家的事')).toBeVisible();
	await villager.close();

	const committee = await browser.newContext();
	const review = await committee.newPage();
	await logIn(review, '13800000001');
	await review.goto('/committee/slips');
	const card = review.locator('li[data-slip]', { hasText: note });
	await expect(card).toHaveCount(1);
	await expect(card).toContainText('LT-002');
	await expect(card).toContainText('吴春梅');
	await expect(card).toContainText('帮助邻里解决生产生活困难');
	await expect(card).toContainText('受帮助的人登记');
	await committee.close();
});
