import { errorResponse } from '$lib/server/api/endpoint';
import { DomainError } from '$lib/server/errors';
import type { RequestHandler } from './$types';

/** Unknown API paths answer in the API's error shape rather than with an HTML page. */
export const fallback: RequestHandler = () => errorResponse(new DomainError('not_found'));
