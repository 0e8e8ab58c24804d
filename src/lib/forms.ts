import type { SubmitFunction } from '@sveltejs/kit';

/**
 * `use:enhance={keepValues}` for edit forms: after a save the form keeps showing what was
 * saved, instead of resetting to the values the page first loaded with.
 */
export const keepValues: SubmitFunction =
	() =>
	async ({ update }) =>
		update({ reset: false });
