import { fail, type ActionFailure } from '@sveltejs/kit';
import type { z } from 'zod';
import { toDomainError, type FieldErrors } from './errors';

/** Turns FormData into a plain object; repeated names become arrays, checkboxes "on" stay strings. */
export function formToObject(form: FormData): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [key, value] of form.entries()) {
		if (typeof value !== 'string') {
			out[key] = value;
			continue;
		}
		const prev = out[key];
		if (prev === undefined) out[key] = value;
		else if (Array.isArray(prev)) prev.push(value);
		else out[key] = [prev, value];
	}
	return out;
}

export type FormFailure = {
	error: { code: string; message: string };
	fieldErrors: FieldErrors;
	/** What the user typed, echoed back so a no-JS form doesn't lose it (never passwords). */
	values: Record<string, unknown>;
};

/**
 * Runs a form action body: parses with `schema`, calls `run`, and maps any domain or
 * validation error to `fail(status, …)` in one place. Redirects pass through.
 */
export async function formAction<S extends z.ZodType, R>(
	request: Request,
	schema: S,
	run: (input: z.infer<S>, form: FormData) => R | Promise<R>
): Promise<R | ActionFailure<FormFailure>> {
	const form = await request.formData();
	const raw = formToObject(form);
	try {
		return await run(schema.parse(raw), form);
	} catch (e) {
		const error = toDomainError(e);
		const details = error.details as { fieldErrors?: FieldErrors } | undefined;
		const values = Object.fromEntries(
			Object.entries(raw).filter(
				([k, v]) =>
					(typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'))) &&
					!/password/i.test(k)
			)
		);
		return fail(error.status, {
			error: { code: error.code, message: error.userMessage() },
			fieldErrors: details?.fieldErrors ?? {},
			values
		});
	}
}
