import { eq } from 'drizzle-orm';
import { recordAudit } from '$lib/server/audit/record-audit';
import type { Viewer } from '$lib/server/auth/viewer';
import { write } from '$lib/server/db';
import { villages } from '$lib/server/db/schema';
import { notFound } from '$lib/server/errors';
import { authorize } from '$lib/server/permissions';
import {
	settingsOf,
	ZVillageSettings,
	ZVillageSettingsPatch,
	type VillageSettings,
	type VillageSettingsPatch
} from './settings-schema';
import { withSettings, type VillageWithSettings } from './village-settings';

/**
 * Changes a village's settings (its committee, or the town admin). `patch` may hold any subset
 * (the API's PATCH) or every field (the settings form); the result is checked whole, so an
 * invalid combination — e.g. a yearly expiry without a date — changes nothing.
 */
export function updateVillageSettings(
	viewer: Viewer | null,
	villageId: number,
	patch: VillageSettingsPatch | Record<string, unknown>
): VillageWithSettings {
	authorize(viewer, 'village:edit_settings', { kind: 'village', villageId });
	return write((tx) => {
		const current = tx.select().from(villages).where(eq(villages.id, villageId)).get();
		if (!current) throw notFound();
		const before = settingsOf(current);
		const next = ZVillageSettings.parse({ ...before, ...patch });
		const changed = (Object.keys(next) as (keyof VillageSettings)[]).filter(
			(k) => next[k] !== before[k]
		);
		if (changed.length === 0) return withSettings(current);
		const updated = tx
			.update(villages)
			.set(next)
			.where(eq(villages.id, villageId))
			.returning()
			.get();
		recordAudit(tx, {
			villageId,
			actorUserId: viewer.userId,
			action: 'village.update_settings',
			subjectType: 'village',
			subjectId: villageId,
			detail: Object.fromEntries(changed.map((k) => [k, { from: before[k], to: next[k] }]))
		});
		return withSettings(updated);
	});
}

/** The API's entry: the patch is checked for shape (JSON types, no unknown keys) first. */
export function patchVillageSettings(
	viewer: Viewer | null,
	villageId: number,
	patch: unknown
): VillageWithSettings {
	authorize(viewer, 'village:edit_settings', { kind: 'village', villageId });
	return updateVillageSettings(viewer, villageId, ZVillageSettingsPatch.parse(patch));
}
