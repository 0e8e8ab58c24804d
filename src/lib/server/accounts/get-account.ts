import type { Viewer } from '$lib/server/auth/viewer';
import { authorize } from '$lib/server/permissions';
import { toAccountRows, type AccountRow } from './account-rows';
import { accountTarget } from './account-target';

/** One login of the viewer's village, with its roles (committee). */
export function getAccount(viewer: Viewer | null, userId: number): AccountRow {
	const { user, target } = accountTarget(userId);
	authorize(viewer, 'accounts:manage', target);
	const [row] = toAccountRows([user]);
	return row!;
}
