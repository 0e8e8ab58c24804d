import { z } from 'zod';
import { zId } from '$lib/server/http/fields';
import { getScreen } from '$lib/server/screen/get-screen';
import { ZScreen } from '$lib/server/screen/views';
import { defineEndpoint } from '../endpoint';

export const screenEndpoint = defineEndpoint({
	method: 'GET',
	path: '/villages/{id}/screen',
	summary:
		'What the square screen (广场大屏) shows (public, names masked): today’s events with head counts in village time, the latest check-ins, the month’s top ten (null when rankings are off), the newest notices, and the feed ids to join the live rooms from',
	tag: 'screen',
	auth: false,
	params: z.object({ id: zId }),
	response: ZScreen,
	handler: ({ viewer, params }) => getScreen(viewer, { id: params.id })
});
