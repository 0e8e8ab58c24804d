import type { Viewer } from '$lib/server/auth/viewer';
import { DomainError } from '$lib/server/errors';
import { authorize, type Action } from '$lib/server/permissions';
import type { ImportProblem } from './problems';

/** The viewer's own village, once they may import or export its people. */
export function ownVillage(
	viewer: Viewer | null,
	action: Extract<Action, 'people:import' | 'people:export'>
): number {
	if (!viewer) throw new DomainError('unauthenticated');
	if (viewer.villageId === null) throw new DomainError('forbidden');
	authorize(viewer, action, { kind: 'village', villageId: viewer.villageId });
	return viewer.villageId;
}

/** The refusal of a file with bad rows: 422, every problem in details.errors. */
export const importInvalid = (errors: ImportProblem[]) =>
	new DomainError('import_invalid', { details: { errors } });

/** The problems of an import_invalid error (empty for any other error). */
export function problemsOf(error: DomainError): ImportProblem[] {
	if (error.code !== 'import_invalid') return [];
	return (error.details as { errors?: ImportProblem[] } | undefined)?.errors ?? [];
}
