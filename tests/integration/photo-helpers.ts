/** Shared by the slips-photo and slips-helped tests. */
import sharp from 'sharp';
import { addRule } from '$lib/server/rules/add-rule';
import { createDraft } from '$lib/server/rules/create-draft';
import { publishDraft } from '$lib/server/rules/publish-draft';
import type { SlipWorld } from './slips-helpers';

/** A small real JPEG, as a phone would send it (bytes). */
export const smallJpeg = async (): Promise<Uint8Array<ArrayBuffer>> =>
	new Uint8Array(
		await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c33' } })
			.jpeg()
			.toBuffer()
	);

/**
 * Publishes the next rule book of the world's village with one more rule, 美丽庭院 (+20), that
 * asks for photo evidence. The new book's rules have new ids: `w.rules` is updated to them.
 */
export function addPhotoRule(w: SlipWorld): number {
	const draft = createDraft(w.committee2);
	const added = addRule(w.committee2, draft.id, {
		category: '环境卫生/门前三包',
		name: '美丽庭院',
		points: 20,
		photoRequired: true
	});
	const book = publishDraft(w.committee2, draft.id, {
		adoptedBy: '村民代表会议',
		adoptedOn: '2026-02-10',
		resolution: '表决通过'
	});
	const byName = (name: string) => {
		const rule = book.rules.find((r) => r.name === name);
		if (!rule) throw new Error(`no rule ${name}`);
		return rule;
	};
	w.rules = { help: byName('帮扶邻里'), clean: byName('庭院整洁'), litter: byName('乱倒垃圾') };
	return byName(added.name).id;
}
