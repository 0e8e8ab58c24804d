/**
 * Masks a person's name for public display (公示, the square screen, the village feed): the
 * first and last characters stay, the middle becomes `*` — 张小安 → 张*安, 欧阳小娜 → 欧**娜,
 * 张三 → 张*, 张 → 张*. Counts characters, not UTF-16 units, so rare characters outside the
 * BMP (𠮷) are kept whole. Client-safe.
 */
export function maskName(name: string): string {
	const chars = Array.from(name.trim());
	if (chars.length === 0) return '';
	if (chars.length <= 2) return `${chars[0]}*`;
	return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** What maskName produces: one character, at least one `*`, at most one character after. */
export const MASKED_NAME = /^[^*\s]\*+[^*\s]?$/u;
