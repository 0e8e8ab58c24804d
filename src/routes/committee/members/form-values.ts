/**
 * What a failed form submission echoes back (see $lib/server/http/form.ts), read safely: each
 * form on a page carries a hidden `_form` field naming it, so an error is shown beside the form
 * that caused it and only that form is refilled.
 */
export type Failure = {
	error: { code: string; message: string };
	fieldErrors: Record<string, string>;
	values: Record<string, unknown>;
};

/** The failure of the form named `name`, if that is what the last submission was. */
export function failureOf(form: unknown, name: string): Failure | null {
	if (!form || typeof form !== 'object' || !('error' in form) || !('values' in form)) return null;
	const failure = form as Failure;
	return failure.values?._form === name ? failure : null;
}

/** A text the user typed into a failed form, or `fallback` when there is none. */
export function typed(failure: Failure | null, key: string, fallback: string): string {
	if (!failure) return fallback;
	const v = failure.values[key];
	return typeof v === 'string' ? v : '';
}

/** A checkbox as the user left it in a failed form, or `fallback`. */
export function ticked(failure: Failure | null, key: string, fallback: boolean): boolean {
	if (!failure) return fallback;
	const v = failure.values[key];
	return v === 'on' || v === 'true';
}

/** The ticked values of a checkbox group in a failed form (one tick comes back as a string). */
export function tickedList(failure: Failure | null, key: string, fallback: string[]): string[] {
	if (!failure) return fallback;
	const v = failure.values[key];
	return typeof v === 'string' ? [v] : Array.isArray(v) ? v.map(String) : [];
}
