import type { IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import type { FieldKind } from './fieldKind';
import { imageProblem, type ImageInput, type ImageLimits } from './imageCheck';
import { readImage } from './imageSource';

export { detectImageType, imageProblem, type ImageInput, type ImageLimits, type ImageSource } from './imageCheck';

export const DEFAULT_MAX_IMAGE_MB = 4;

/**
 * Checks an image before it is sent. The result goes into the request body, where it becomes the
 * base64 the gateway expects (see imagePayload.ts).
 */
export const imageSchema = z.custom<ImageInput>().transform((input, ctx) => {
	const problem = imageProblem(input);
	if (problem) {
		ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
		return z.NEVER;
	}
	return input.image;
});

export function imageLimits(context: IExecuteFunctions, itemIndex: number): ImageLimits {
	const options = context.getNodeParameter('options', itemIndex, {}) as { maxImageSizeMb?: number; allowPdf?: boolean };
	return {
		maxBytes: Math.round((options.maxImageSizeMb ?? DEFAULT_MAX_IMAGE_MB) * 1024 * 1024),
		allowPdf: options.allowPdf === true,
	};
}

/**
 * An image sent as base64. By default it comes from a binary field of the input item; a node that
 * adds the Image Source parameters (see imageSource.ts) also takes a URL or base64 text.
 */
export const image: FieldKind = {
	id: 'image',
	displayName: 'Input Binary Field',
	description: 'The name of the input binary field holding the image (JPG, PNG or BMP)',
	property: { type: 'string', default: 'data', hint: 'The name of the input binary field containing the file to be read' },
	schema: imageSchema,
	read: async (context, itemIndex, parameterName) => await readImage(context, itemIndex, parameterName, imageLimits(context, itemIndex)),
};
