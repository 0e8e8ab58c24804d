import { error, redirect } from '@sveltejs/kit';
import { DomainError } from '$lib/server/errors';
import { toDomainError } from './errors';

/**
 * Runs a page's `load` body and turns a refusal from a service into SvelteKit's error page:
 * a DomainError becomes `error(status, { message, code })` in the user's language (so another
 * village's household is a plain 404 page), and "not signed in" goes to the login page.
 * Works for synchronous and async bodies.
 *
 *   export const load = ({ locals, params }) =>
 *     loadOrError(() => ({ household: getHousehold(locals.viewer, Number(params.id)) }));
 */
export function loadOrError<T>(fn: () => T): T {
	try {
		const result = fn();
		if (result instanceof Promise) return result.catch(toHttpError) as T;
		return result;
	} catch (e) {
		return toHttpError(e);
	}
}

function toHttpError(e: unknown): never {
	const domainError = toDomainError(e);
	if (domainError.code === 'unauthenticated') redirect(303, '/login');
	error(domainError.status, { message: domainError.userMessage(), code: domainError.code });
}

/**
 * A route's numeric id parameter. Anything that isn't a positive integer can't name a row, so
 * it is answered like a row that doesn't exist.
 */
export function idParam(value: string | undefined): number {
	const id = Number(value);
	if (!value || !/^\d+$/.test(value) || !Number.isSafeInteger(id) || id <= 0) {
		throw new DomainError('not_found');
	}
	return id;
}
