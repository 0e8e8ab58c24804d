import { z } from 'zod';
import { DomainError } from '$lib/server/errors';
import { ZPhotoKey } from '$lib/server/photos/schemas';
import { pruneUnusedPhotos } from '$lib/server/photos/prune-unused-photos';
import { uploadedPhoto } from '$lib/server/photos/uploaded-photo';
import { withStoredPhoto } from '$lib/server/photos/with-stored-photo';
import { reportHelpedSlip } from '$lib/server/slips/report-helped-slip';
import { ZReportHelpedSlip } from '$lib/server/slips/helped-schemas';
import { DEPOSIT_SLIP_RESPONSE } from '$lib/server/slips/views';
import { defineEndpoint } from '../endpoint';

/**
 * Photo evidence for slips, in two steps so a phone app needn't send a form: upload the photo,
 * get its key, then send the key as `photoKey` with POST /slips or POST /slips/helped (JSON,
 * Idempotency-Key as usual). Also the person helped reporting their helper (受助人登记).
 */

const HOUR = 3_600_000;
let lastPrune = 0;

/** Mounted with mountUpload (src/lib/server/import/upload.ts): the body is the photo, not JSON. */
export const uploadPhotoEndpoint = defineEndpoint({
	method: 'POST',
	path: '/photos',
	summary:
		'Upload a photo for a slip. Body: the image itself (Content-Type image/jpeg, image/png, image/webp, or HEIC when the server can read it), or multipart/form-data with the field `photo` from a same-origin page; at most 10 MB (413 photo_too_large; 422 photo_invalid when it is not a readable picture). It is stored turned upright, at most 1280×1280, as JPEG without EXIF/GPS. Returns `photoKey`: send it with POST /slips or POST /slips/helped within a day (unused photos are then deleted); a key can back one slip only. Retrying stores another copy, so no Idempotency-Key is needed.',
	tag: 'slips',
	auth: true,
	response: z.object({ photoKey: ZPhotoKey }),
	status: 201,
	handler: async ({ viewer, event }) => {
		if (!viewer || viewer.villageId === null) throw new DomainError('forbidden');
		const photo = await uploadedPhoto(event.request);
		const stored = await withStoredPhoto(photo, (photoKey) => ({ photoKey }));
		if (Date.now() - lastPrune > HOUR) {
			lastPrune = Date.now();
			pruneUnusedPhotos();
		}
		return stored;
	}
});

export const reportHelpedSlipEndpoint = defineEndpoint({
	method: 'POST',
	path: '/slips/helped',
	summary:
		'The person helped reports the deed of a member of another household of the village (受助人登记): the helper by full name, plus `householdNumber` (户号) when several villagers share the name (400 with error.details.fieldErrors.householdNumber). The slip goes to the helper’s household, reportedVia "helped", status "reported". Only rules that award points; own household → 422 slip_helped_own_household; no such person → 404. `photoKey` from POST /photos (required when the rule asks for a photo: 422 photo_required). Send an Idempotency-Key.',
	tag: 'slips',
	auth: true,
	body: ZReportHelpedSlip.extend({ photoKey: ZPhotoKey.optional() }),
	response: DEPOSIT_SLIP_RESPONSE,
	status: 201,
	handler: ({ viewer, body, event }) => {
		const { photoKey, ...input } = body;
		return reportHelpedSlip(viewer, input, {
			onBehalfOfMemberId: event.locals.actingFor?.memberId ?? null,
			actingForHouseholdId: event.locals.actingFor?.householdId ?? null,
			photoKey: photoKey ?? null
		});
	}
});
