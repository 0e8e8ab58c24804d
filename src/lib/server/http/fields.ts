import { z } from 'zod';

/**
 * Field types shared by forms (where everything arrives as a string) and the JSON API
 * (where numbers and booleans arrive typed), so one zod schema serves both.
 */

/** A checkbox: absent/"" → false; "on"/"true"/"1"/true → true. */
export const zCheckbox = z
	.union([z.boolean(), z.enum(['on', 'true', '1', 'false', '0', ''])])
	.optional()
	.transform((v) => v === true || v === 'on' || v === 'true' || v === '1');

/** An optional text field: trimmed, and "" becomes null. */
export const zOptionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max)
		.nullish()
		.transform((v) => (v ? v : null));

/** A positive integer id from a path, form or JSON. */
export const zId = z.coerce.number().int().positive();

/** An optional integer: "" and absence become null. */
export const zOptionalInt = (min: number, max: number) =>
	z.preprocess(
		(v) => (v === '' || v === undefined ? null : v),
		z.coerce.number().int().min(min).max(max).nullable()
	);

/** A list from repeated form fields or a JSON array; a single value becomes a one-element list. */
export const zList = <T extends z.ZodType>(item: T) =>
	z.preprocess(
		(v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
		z.array(item)
	);
