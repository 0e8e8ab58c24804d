import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE, SESSION_LIFETIME } from './session';

type CookieContext = { cookies: Cookies; url: URL };

/**
 * Secure whenever the site is served over https — production behind TLS, where ORIGIN (or the
 * proxy's protocol header) says https. A village office serving plain http on its LAN can't
 * keep a Secure cookie at all, so there the flag would only lock everyone out.
 */
const secure = (url: URL) => url.protocol === 'https:';

export function setSessionCookie({ cookies, url }: CookieContext, token: string, expiresAt: Date) {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: secure(url),
		expires: expiresAt
	});
}

export function deleteSessionCookie({ cookies, url }: CookieContext): void {
	cookies.delete(SESSION_COOKIE, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: secure(url)
	});
}

/** Preferences anyone may set, logged in or not; a year is "remembered" on a shared phone. */
export const PREFERENCE_MAX_AGE = 365 * 24 * 60 * 60;
export const CARE_MODE_COOKIE = 'care_mode';
export const ACTING_FOR_COOKIE = 'acting_for';
export { SESSION_LIFETIME };
