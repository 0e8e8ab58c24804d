import { resolve } from '$app/paths';

/** The small copy of a slip's photo (src/routes/photos/[key]) for lists; links use resolve(). */
export function photoThumbUrl(key: string): string {
	return `${resolve('/photos/[key]', { key })}?size=thumb`;
}
