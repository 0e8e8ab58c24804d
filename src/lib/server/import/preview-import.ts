import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { importInvalid, ownVillage } from './access';
import { newImportId, savePending } from './pending';
import { planImport, loadVillageState, type ImportPlan } from './plan-import';
import { readSheet, type UploadedFile } from './read-sheet';
import type { ImportPreview } from './schemas';

/**
 * Reads and checks an uploaded spreadsheet without writing any people. A good file is kept as a
 * pending import (its id is in the answer) for `confirmImport`; a bad one is refused with
 * import_invalid and every problem, "第 N 行: …", in details.errors.
 */
export async function previewImport(
	viewer: Viewer | null,
	file: UploadedFile
): Promise<ImportPreview> {
	const villageId = ownVillage(viewer, 'people:import');
	const fileName = cleanFileName(file.name);
	const read = await readSheet(file);
	if (!read.ok) throw importInvalid(read.errors);
	const planned = planImport(read.sheet, loadVillageState(db, villageId));
	if (!planned.ok) throw importInvalid(planned.errors);
	const id = newImportId();
	savePending({
		id,
		villageId,
		userId: viewer!.userId,
		fileName,
		createdAt: Date.now(),
		bytes: file.bytes
	});
	return previewOf(id, fileName, planned.plan);
}

export function previewOf(id: string, fileName: string, plan: ImportPlan): ImportPreview {
	return {
		ok: true,
		id,
		fileName,
		rows: plan.rows,
		households: plan.households.length,
		members: plan.households.reduce((n, h) => n + h.members.length, 0),
		newGroups: plan.newGroups,
		errors: [],
		sample: plan.sample
	};
}

/** The base name of an uploaded file, without folders or control characters. */
export function cleanFileName(name: string): string {
	const base = name.split(/[\\/]/).pop() ?? '';
	// eslint-disable-next-line no-control-regex
	return base.replace(/[\u0000-\u001f\u007f]/g, '').slice(-200) || 'upload';
}
