import { expect, test, type Page } from '@playwright/test';
import { logIn } from './helpers';

/**
 * The app runs under its Content-Security-Policy: pages carry the header and the browser
 * reports no violation while they load, hydrate and connect their socket.
 */

/** Collects CSP violations: console messages and securitypolicyviolation events. */
async function watchViolations(page: Page): Promise<string[]> {
	const violations: string[] = [];
	page.on('console', (msg) => {
		if (/Content[- ]Security[- ]Policy/i.test(msg.text())) violations.push(msg.text());
	});
	await page.exposeFunction('__reportCspViolation', (text: string) => violations.push(text));
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) => {
			const report = (window as unknown as { __reportCspViolation: (t: string) => void })
				.__reportCspViolation;
			report(`${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
		});
	});
	return violations;
}

async function expectHeaders(page: Page, path: string): Promise<void> {
	const response = await page.goto(path);
	expect(response?.status(), path).toBeLessThan(400);
	const headers = response!.headers();
	const csp = headers['content-security-policy'] ?? '';
	expect(csp, path).toContain("default-src 'self'");
	expect(csp, path).toContain("frame-ancestors 'none'");
	// SvelteKit's inline bootstrap script is allowed by a nonce, not by 'unsafe-inline'.
	expect(csp, path).toMatch(/script-src 'self' 'nonce-/);
	expect(headers['x-content-type-options'], path).toBe('nosniff');
	expect(headers['x-frame-options'], path).toBe('DENY');
	expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
	expect(headers['permissions-policy'], path).toContain('camera=(self)');
	// A blocked inline or module script is reported while the page parses, before 'load'.
	await page.waitForLoadState('load');
}

test('public pages load under the CSP without violations', async ({ page }) => {
	const violations = await watchViolations(page);
	await expectHeaders(page, '/login');
	await expectHeaders(page, '/notice?village=liutiao');
	const list = await page.request.get('/api/v1/events?village=liutiao');
	const { events } = (await list.json()) as { events: { id: number }[] };
	expect(events.length).toBeGreaterThan(0);
	await expectHeaders(page, `/events/${events[0]!.id}`);
	expect(violations).toEqual([]);
});

test('a villager’s household page hydrates and goes live under the CSP', async ({ page }) => {
	const violations = await watchViolations(page);
	await logIn(page, '13800000005');
	await expectHeaders(page, '/household');
	// The socket connected: Socket.IO's WebSocket (or polling) passed connect-src.
	await expect(page.getByTestId('household-summary')).toHaveAttribute('data-live', 'on');
	expect(violations).toEqual([]);
});
