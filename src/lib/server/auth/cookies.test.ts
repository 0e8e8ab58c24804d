import type { Cookies } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { deleteSessionCookie, setSessionCookie } from './cookies';

/** Records what was set, standing in for SvelteKit's cookie jar. */
function jar() {
	const calls: { name: string; value: string; options: Record<string, unknown> }[] = [];
	const cookies = {
		set: (name: string, value: string, options: Record<string, unknown>) =>
			calls.push({ name, value, options }),
		delete: (name: string, options: Record<string, unknown>) =>
			calls.push({ name, value: '', options })
	} as unknown as Cookies;
	return { cookies, calls };
}

describe('session cookie', () => {
	it('is HttpOnly, SameSite=Lax, site-wide, and expires with the session', () => {
		const { cookies, calls } = jar();
		const expires = new Date('2026-12-01T00:00:00Z');
		setSessionCookie({ cookies, url: new URL('http://localhost:3000/login') }, 'tok', expires);
		expect(calls[0]).toMatchObject({
			name: 'session',
			value: 'tok',
			options: { httpOnly: true, sameSite: 'lax', path: '/', expires, secure: false }
		});
	});

	it('is Secure when the site is served over https', () => {
		const { cookies, calls } = jar();
		setSessionCookie(
			{ cookies, url: new URL('https://jishan.example.org/login') },
			't',
			new Date()
		);
		deleteSessionCookie({ cookies, url: new URL('https://jishan.example.org/logout') });
		expect(calls.map((c) => c.options.secure)).toEqual([true, true]);
	});
});
