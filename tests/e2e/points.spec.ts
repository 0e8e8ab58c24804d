import { expect, test, type Page } from '@playwright/test';
import { logIn } from './helpers';

/** A suffix no other run against this server's database has used. */
const unique = () => String(Date.now()).slice(-6);

const numberIn = async (page: Page, testId: string) =>
	Number((await page.getByTestId(testId).innerText()).replace(/[^\d+-]/g, ''));

test('the household head sees the balance, the statement, the passbook and the spreadsheet', async ({
	page
}) => {
	await logIn(page, '13800000005');
	await page.goto('/household');
	const shown = await numberIn(page, 'balance');
	expect(shown).toBeGreaterThanOrEqual(600);

	await page.goto('/household/statement');
	await expect(page.getByTestId('statement-household')).toContainText('LT-001');
	await expect(page.getByTestId('statement-household')).toContainText('刘建国');
	expect(await numberIn(page, 'statement-balance')).toBe(shown);
	expect(await numberIn(page, 'earned-to-date')).toBeGreaterThanOrEqual(600);
	// Which member earned what: the demo's carer and the head both appear.
	await expect(page.getByTestId('by-member')).toContainText('王淑芬');
	await expect(page.getByTestId('by-member')).toContainText('刘建国');
	const entries = page.getByTestId('entry');
	expect(await entries.count()).toBeGreaterThan(10);
	// The newest entry's running balance is the balance.
	await expect(entries.first()).toContainText(`余 ${shown}`);

	await page.getByRole('link', { name: '打印存折' }).click();
	await expect(page).toHaveURL('/household/passbook');
	await expect(page.getByRole('heading', { name: '道德银行积分存折' })).toBeVisible();
	expect(await numberIn(page, 'passbook-balance')).toBe(shown);
	// The passbook runs oldest first and ends on the balance, as the statement begins with it.
	const rows = page.getByTestId('passbook-table').locator('tbody tr');
	await expect(rows.first()).toContainText('纸质存折结转');
	await expect(rows.last().locator('td').last()).toHaveText(String(shown));
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('button', { name: '打印', exact: true })).toBeHidden();
	await expect(page.locator('header').first()).toBeHidden();
	await expect(page.getByTestId('passbook')).toBeVisible();
	await page.emulateMedia({ media: 'screen' });

	const xlsx = await page.request.get('/household/statement/statement.xlsx');
	expect(xlsx.status()).toBe(200);
	expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
	expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');
});

test('the committee publishes a new rule-book version and the public page shows it', async ({
	page,
	browser
}) => {
	const name = `清扫村道公共区域${unique()}`;
	await logIn(page, '13800000001');
	await page.goto('/committee/rules');
	await page.getByRole('button', { name: '新建草稿' }).click();
	await expect(page).toHaveURL(/\/committee\/rules\/\d+$/);
	await expect(page.getByTestId('version-title')).toContainText('草稿');
	// The draft starts as a copy of the current rule book.
	expect(await page.getByTestId('draft-rule').count()).toBeGreaterThanOrEqual(20);

	const add = page.getByTestId('add-rule-form');
	await add.getByLabel('类别', { exact: true }).fill('志愿服务');
	await add.getByLabel('细则名称', { exact: true }).fill(name);
	await add.getByLabel('分值', { exact: true }).fill('4');
	await add.getByLabel('每月上限', { exact: true }).fill('2');
	await add.getByRole('button', { name: '添加细则' }).click();
	await expect(page.getByRole('status').filter({ hasText: name })).toBeVisible();

	await page.getByLabel('通过方式', { exact: true }).fill('村民代表会议');
	await page.getByLabel('通过日期', { exact: true }).fill('2026-11-20');
	await page
		.getByLabel('决议内容', { exact: true })
		.fill('经村民代表会议讨论通过，新增清扫村道一项。');
	await page.getByRole('button', { name: '发布', exact: true }).click();
	await expect(page).toHaveURL(/\/committee\/rules\/\d+\?published=1$/);
	await expect(page.getByRole('status').filter({ hasText: '已发布' })).toBeVisible();
	await expect(page.getByTestId('version-title')).toContainText('现行');

	// Anyone — no login — sees it on the public page.
	const visitor = await browser.newContext();
	const publicPage = await visitor.newPage();
	await publicPage.goto('/rules?village=liutiao');
	await expect(publicPage.getByTestId('rule-book-version')).toContainText('2026-11-20');
	await expect(publicPage.getByTestId('rule-book-version')).toContainText('村民代表会议');
	const row = publicPage.getByTestId('rule-row').filter({ hasText: name });
	await expect(row).toContainText('+4');
	await expect(row).toContainText('每月最多 2 次');
	// The earlier version is still there, read-only, in the history.
	await expect(publicPage.getByRole('link', { name: /第 1 版/ })).toBeVisible();
	await publicPage.emulateMedia({ media: 'print' });
	await expect(publicPage.getByRole('button', { name: '打印', exact: true })).toBeHidden();
	await expect(row).toBeVisible();
	await visitor.close();
});

test('a correction by the committee shows on the household statement (without JavaScript)', async ({
	browser
}) => {
	const head = await (await browser.newContext()).newPage();
	await logIn(head, '13800000005');
	await head.goto('/household/statement');
	const before = await numberIn(head, 'statement-balance');

	const context = await browser.newContext({ javaScriptEnabled: false });
	const committee = await context.newPage();
	await logIn(committee, '13800000001');
	await committee.goto('/committee/ledger?household=LT-001');
	await committee
		.getByTestId('ledger-entries')
		.getByRole('link', { name: '更正', exact: true })
		.first()
		.click();
	await expect(committee).toHaveURL(/\/committee\/ledger\/\d+$/);
	const points = await numberIn(committee, 'entry-points-value');
	const reason = `E2E 复核：登记有误 ${unique()}`;
	await committee.getByLabel('更正原因').fill(reason);
	await committee.getByRole('button', { name: '确认更正' }).click();
	await expect(committee).toHaveURL(/\/committee\/ledger\/\d+\?corrects=\d+$/);
	await expect(committee.getByRole('status').filter({ hasText: '已记入更正' })).toBeVisible();

	// The committee's check still passes after the correction.
	await committee.goto('/committee/ledger');
	await committee.getByRole('button', { name: '校验账本' }).click();
	await expect(committee.getByTestId('verify-result')).toContainText('账本校验通过');

	await head.reload();
	expect(await numberIn(head, 'statement-balance')).toBe(before - points);
	const newest = head.getByTestId('entry').first();
	await expect(newest).toContainText(reason);
	await expect(newest).toContainText('更正');
	await expect(newest).toContainText(`余 ${before - points}`);
	await context.close();
});
