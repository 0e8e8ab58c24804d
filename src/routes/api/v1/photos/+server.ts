import { uploadPhotoEndpoint } from '$lib/server/api/endpoints/photos';
import { mountUpload } from '$lib/server/import/upload';

export const POST = mountUpload(uploadPhotoEndpoint);
