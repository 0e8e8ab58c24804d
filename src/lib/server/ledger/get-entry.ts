import { eq } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { ledgerEntries } from '$lib/server/db/schema';
import { notFound } from '$lib/server/errors';
import { authorize } from '$lib/server/permissions';
import { entryViews } from './entry-views';
import { entryTarget } from './targets';
import type { EntryView } from './views';

/** One entry, for whoever may see its household's statement. */
export function getEntry(viewer: Viewer | null, entryId: number): EntryView {
	authorize(viewer, 'ledger:view_household', entryTarget(entryId));
	const [view] = entryViews(eq(ledgerEntries.id, entryId), { limit: 1 });
	if (!view) throw notFound();
	return view;
}
