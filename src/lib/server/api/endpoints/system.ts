import { z } from 'zod';
import { defineEndpoint } from '../endpoint';

export const health = defineEndpoint({
	method: 'GET',
	path: '/health',
	summary: 'Liveness check',
	tag: 'system',
	auth: false,
	response: z.object({ status: z.literal('ok') }),
	handler: () => ({ status: 'ok' as const })
});
