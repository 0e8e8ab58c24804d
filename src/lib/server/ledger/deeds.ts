import type { EntryKind } from '$lib/server/db/schema';
import { DEED_KINDS } from './kinds';

export type MinimalEntry = {
	id: number;
	kind: EntryKind;
	points: number;
	memberId: number | null;
	sourceType: string;
	sourceId: number;
};

/**
 * The entries of one household that count as deeds: earn and deduct entries, and corrections
 * whose chain of originals (a correction of a correction …) ends at one of those.
 */
export function deedEntries<E extends MinimalEntry>(entries: readonly E[]): E[] {
	const byId = new Map(entries.map((e) => [e.id, e]));
	const isDeed = (e: E | undefined): boolean => {
		for (let hops = 0; e && hops < 1000; hops++) {
			if (DEED_KINDS.has(e.kind)) return true;
			if (e.kind !== 'correct' || e.sourceType !== 'entry') return false;
			e = byId.get(e.sourceId);
		}
		return false;
	};
	return entries.filter((e) => isDeed(e));
}
