import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE, SESSION_LIFETIME } from './session';

const secure = () => process.env.NODE_ENV === 'production' && process.env.INSECURE_COOKIES !== '1';

export function setSessionCookie(cookies: Cookies, token: string, expiresAt: Date): void {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: secure(),
		expires: expiresAt
	});
}

export function deleteSessionCookie(cookies: Cookies): void {
	cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: secure() });
}

/** Preferences anyone may set, logged in or not; a year is "remembered" on a shared phone. */
export const PREFERENCE_MAX_AGE = 365 * 24 * 60 * 60;
export const CARE_MODE_COOKIE = 'care_mode';
export const ACTING_FOR_COOKIE = 'acting_for';
export { SESSION_LIFETIME };
