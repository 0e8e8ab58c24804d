import { eq } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { villages, type Village } from '$lib/server/db/schema';
import { notFound } from '$lib/server/errors';
import { authorize } from '$lib/server/permissions';
import { settingsOf, type VillageSettings } from './settings-schema';

export type VillageWithSettings = {
	id: number;
	name: string;
	code: string;
	town: string;
} & VillageSettings;

export function loadVillage(villageId: number): Village {
	const v = db.select().from(villages).where(eq(villages.id, villageId)).get();
	if (!v) throw notFound();
	return v;
}

export function withSettings(v: Village): VillageWithSettings {
	return { id: v.id, name: v.name, code: v.code, town: v.town, ...settingsOf(v) };
}

/**
 * A village's settings. Anyone of the village may read them (the threshold and the 公示 period
 * are the village's public rules); another village's staff are told it doesn't exist.
 */
export function getVillageSettings(viewer: Viewer | null, villageId: number): VillageWithSettings {
	authorize(viewer, 'village:view', { kind: 'village', villageId });
	return withSettings(loadVillage(villageId));
}

/** The settings for the settings form: only those who may change them get the form. */
export function villageSettingsForEdit(
	viewer: Viewer | null,
	villageId: number
): VillageWithSettings {
	authorize(viewer, 'village:edit_settings', { kind: 'village', villageId });
	return withSettings(loadVillage(villageId));
}
