import type { Viewer } from '$lib/server/auth/viewer';
import { DomainError } from '$lib/server/errors';
import type { Target } from '$lib/server/permissions';

/**
 * The viewer's own village as a permission target, for actions on the village's lists
 * (households, groups). Someone without a village (the town admin) has no such list here.
 */
export function ownVillageTarget(viewer: Viewer | null): Extract<Target, { kind: 'village' }> {
	if (!viewer) throw new DomainError('unauthenticated');
	if (viewer.villageId === null) throw new DomainError('forbidden');
	return { kind: 'village', villageId: viewer.villageId };
}
