import { z } from 'zod';
import { PHOTO_KEY } from './uploads-dir';

/** A stored photo's key, as returned by POST /api/v1/photos. */
export const ZPhotoKey = z.string().regex(PHOTO_KEY);
