import { asc, eq } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { villages } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { authorize, can } from '$lib/server/permissions';
import { villageFigures } from './village-figures';

export type VillageSummary = {
	id: number;
	name: string;
	code: string;
	town: string;
	active: boolean;
	figures: { households: number; members: number; groups: number; accounts: number };
};

/**
 * The villages the viewer may see, with their figures side by side: every village for a town
 * admin, otherwise only the viewer's own.
 */
export function listVillages(viewer: Viewer | null): VillageSummary[] {
	const all = can(viewer, 'village:list_all', { kind: 'town' });
	let own: number | null = null;
	if (!all) {
		if (!viewer) throw new DomainError('unauthenticated');
		if (viewer.villageId === null) throw new DomainError('forbidden');
		authorize(viewer, 'village:view', { kind: 'village', villageId: viewer.villageId });
		own = viewer.villageId;
	}
	const rows = db
		.select()
		.from(villages)
		.where(own === null ? undefined : eq(villages.id, own))
		.orderBy(asc(villages.town), asc(villages.id))
		.all();
	const figures = villageFigures(rows.map((v) => v.id));
	return rows.map((v) => {
		const f = figures.get(v.id)!;
		return {
			id: v.id,
			name: v.name,
			code: v.code,
			town: v.town,
			active: v.active,
			figures: {
				households: f.households,
				members: f.members,
				groups: f.groups,
				accounts: f.accounts
			}
		};
	});
}

/** The town admin's overview: every village with its figures. Nobody else may ask for it. */
export function listAllVillages(viewer: Viewer | null): VillageSummary[] {
	authorize(viewer, 'village:list_all', { kind: 'town' });
	return listVillages(viewer);
}
