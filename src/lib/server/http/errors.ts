import { isHttpError, isRedirect } from '@sveltejs/kit';
import { z } from 'zod';
import { DomainError } from '$lib/server/errors';
import * as m from '$lib/paraglide/messages';

export type FieldErrors = Record<string, string>;

/** A ZodError as a DomainError whose details map each field to its first problem. */
export function fromZodError(error: z.ZodError): DomainError {
	const fieldErrors: FieldErrors = {};
	for (const issue of error.issues) {
		const key = issue.path.join('.') || '_';
		fieldErrors[key] ??= issue.message;
	}
	const first = Object.values(fieldErrors)[0];
	return new DomainError('validation', {
		message: first ? m.error_validation_first({ problem: first }) : undefined,
		details: { fieldErrors }
	});
}

/**
 * The single mapping from anything thrown by a service to a DomainError. SvelteKit's own
 * redirects and HTTP errors are not ours to map: they are rethrown.
 */
export function toDomainError(error: unknown): DomainError {
	if (isRedirect(error) || isHttpError(error)) throw error;
	if (error instanceof DomainError) return error;
	if (error instanceof z.ZodError) return fromZodError(error);
	throw error;
}
