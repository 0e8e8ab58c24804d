import { expect, test, type APIRequestContext } from '@playwright/test';
import { DEMO_PASSWORD, logIn } from './helpers';

/** A suffix no other run against this server's database has used. */
const unique = () => String(Date.now()).slice(-7);

for (const javaScriptEnabled of [true, false]) {
	test(`the committee adds a household and a member, and finds them in the list (${
		javaScriptEnabled ? 'with' : 'without'
	} JavaScript)`, async ({ browser }) => {
		const context = await browser.newContext({ javaScriptEnabled });
		const page = await context.newPage();
		const suffix = unique();
		const number = `E2E-${suffix}`;
		const phone = `1391${suffix}`;
		await logIn(page, '13800000001');

		await page.goto('/committee/households');
		await page.getByRole('link', { name: '新增农户' }).click();
		await expect(page).toHaveURL('/committee/households/new');
		await page.getByLabel('户号', { exact: true }).fill(number);
		await page.getByLabel('地址', { exact: true }).fill('柳条村测试路 8 号');
		await page.getByLabel('村民小组', { exact: true }).fill('三组');
		// A label wrapping a <select> also holds its options' text, hence no `exact` for selects.
		await page.getByLabel('十户联组').selectOption({ label: '第1联组' });
		await page.getByRole('button', { name: '新增', exact: true }).click();

		await expect(page).toHaveURL(/\/committee\/households\/\d+$/);
		await expect(page.getByTestId('household-title')).toHaveText(`户号 ${number}`);
		await expect(page.getByText('这一户还没有成员。')).toBeVisible();

		const form = page.getByTestId('add-member-form');
		await form.getByLabel('姓名', { exact: true }).fill('测试老人');
		await form.getByLabel('性别').selectOption({ label: '女' });
		await form.getByLabel('出生年份', { exact: true }).fill('1941');
		await form.getByLabel('与户主关系', { exact: true }).fill('户主');
		await form.getByLabel('手机号', { exact: true }).fill(phone);
		await form.getByLabel('高龄', { exact: true }).check();
		await form.getByLabel('独居', { exact: true }).check();
		await form.getByLabel('风险等级').selectOption('high');
		// The first member of a household without a head is offered as its head.
		await expect(form.getByLabel('同时设为户主')).toBeChecked();
		await form.getByRole('button', { name: '添加成员', exact: true }).click();

		await expect(page.getByRole('status').filter({ hasText: '已添加 测试老人。' })).toBeVisible();
		const members = page.getByTestId('member-list');
		await expect(members).toContainText('测试老人');
		await expect(members).toContainText('户主');
		await expect(members).toContainText('高龄');
		await expect(members).toContainText(phone);

		// The list finds the household by its 户号 and by the member's name and phone.
		for (const q of [number, phone]) {
			await page.goto(`/committee/households?q=${encodeURIComponent(q)}`);
			const list = page.getByTestId('household-list');
			await expect(list.getByRole('link')).toHaveCount(1);
			await expect(list).toContainText(number);
			await expect(list).toContainText('测试老人');
			await expect(list).toContainText('第1联组');
		}
		await context.close();
	});
}

/** 柳条村's LT-001 household, one of its members and its group, looked up by 柳条村's committee. */
async function liutiaoIds(request: APIRequestContext) {
	const auth = await request.post('/api/v1/auth/token', {
		data: { phone: '13800000001', password: DEMO_PASSWORD }
	});
	expect(auth.status()).toBe(201);
	const { token } = await auth.json();
	const headers = { authorization: `Bearer ${token}` };
	const list = await request.get('/api/v1/households?q=LT-001', { headers });
	expect(list.status()).toBe(200);
	const household = (await list.json()).households.find(
		(h: { number: string }) => h.number === 'LT-001'
	);
	expect(household).toBeTruthy();
	expect(household.tenGroupId).not.toBeNull();
	return {
		token: token as string,
		householdId: household.id as number,
		memberId: household.headMemberId as number,
		groupId: household.tenGroupId as number
	};
}

test("马家村's committee gets 404 for 柳条村's households, members and groups, on pages and in the API", async ({
	page,
	request
}) => {
	const ids = await liutiaoIds(request);

	await logIn(page, '13800000011');
	for (const path of [
		`/committee/households/${ids.householdId}`,
		`/committee/members/${ids.memberId}`,
		`/committee/groups/${ids.groupId}`
	]) {
		const response = await page.goto(path);
		expect(response?.status()).toBe(404);
		await expect(page.getByRole('heading', { name: '页面不存在' })).toBeVisible();
		await expect(page.locator('main')).not.toContainText('LT-001');
	}

	// The same session through the JSON API: 404 with the API's error shape, nothing revealed.
	for (const path of [
		`/api/v1/households/${ids.householdId}`,
		`/api/v1/members/${ids.memberId}`,
		`/api/v1/groups/${ids.groupId}`
	]) {
		const response = await page.request.get(path);
		expect(response.status()).toBe(404);
		expect(await response.json()).toEqual({
			error: { code: 'not_found', message: expect.any(String) }
		});
	}
	const change = await page.request.patch(`/api/v1/households/${ids.householdId}`, {
		data: { address: '马家村改的' }
	});
	expect(change.status()).toBe(404);

	// 柳条村's household is unchanged.
	const household = await request.get(`/api/v1/households/${ids.householdId}`, {
		headers: { authorization: `Bearer ${ids.token}` }
	});
	expect(household.status()).toBe(200);
	expect((await household.json()).address).not.toBe('马家村改的');
});
