import type { FieldKind } from './fieldKind';
import { image } from './image';

/** A photo of a face from a binary field, for portrait checks (人像核验). */
export const faceImage: FieldKind = {
	...image,
	id: 'faceImage',
	displayName: 'Face Image Binary Field',
	description: 'The name of the input binary field holding the face photo (JPG, PNG or BMP)',
};
