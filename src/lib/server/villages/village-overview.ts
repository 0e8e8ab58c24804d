import type { Viewer } from '$lib/server/auth/viewer';
import { authorize } from '$lib/server/permissions';
import { villageFigures, type VillageFigures } from './village-figures';
import { loadVillage } from './village-settings';

/** The committee's dashboard: its village's name and figures, tagged elders included. */
export function villageOverview(
	viewer: Viewer | null,
	villageId: number
): { id: number; name: string; town: string; figures: VillageFigures } {
	authorize(viewer, 'people:manage', { kind: 'village', villageId });
	const v = loadVillage(villageId);
	return { id: v.id, name: v.name, town: v.town, figures: villageFigures([v.id]).get(v.id)! };
}
