import type { ActingFor } from '$lib/server/people/acting-for';
import type { Viewer } from '$lib/server/auth/viewer';
import { DomainError } from '$lib/server/errors';
import { idParam } from '$lib/server/http/load';

/**
 * Which household a statement page shows: ?household=<id> (the committee, a 十户长), else the
 * household of the member being acted for (代办), else the viewer's own; null if none.
 */
export function statementHousehold(
	viewer: Viewer | null,
	actingFor: ActingFor | null,
	url: URL
): number | null {
	if (!viewer) throw new DomainError('unauthenticated');
	const asked = url.searchParams.get('household');
	if (asked !== null) return idParam(asked);
	return actingFor?.householdId ?? viewer.householdId;
}
