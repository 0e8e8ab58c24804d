import { importPreview } from '$lib/server/api/endpoints/import';
import { mountUpload } from '$lib/server/import/upload';

export const POST = mountUpload(importPreview);
