import type { IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import type { FieldKind } from './fieldKind';

export const DEFAULT_MAX_IMAGE_MB = 4;

export interface ImageInput {
	bytes: Buffer;
	/** What the user would recognise the file by: its file name, or the binary field. */
	label: string;
	maxBytes: number;
	allowPdf: boolean;
}

const SIGNATURES: Array<{ type: string; test: (b: Buffer) => boolean }> = [
	{ type: 'jpg', test: (b) => b.length > 2 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
	{ type: 'png', test: (b) => b.length > 7 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
	{ type: 'bmp', test: (b) => b.length > 1 && b[0] === 0x42 && b[1] === 0x4d },
	{ type: 'pdf', test: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
];

export function detectImageType(bytes: Buffer): string | undefined {
	return SIGNATURES.find((signature) => signature.test(bytes))?.type;
}

function describeUnknown(bytes: Buffer): string {
	const head = bytes.subarray(0, 64).toString('utf8').trim().toLowerCase();
	if (head.startsWith('<!doctype html') || head.startsWith('<html')) return 'it is an HTML page';
	if (head.startsWith('{') || head.startsWith('[')) return 'it is JSON text';
	return 'its content is not a known image format';
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Checks an image before it is sent; the result is the base64 the gateway expects. */
export const imageSchema = z.custom<ImageInput>().transform((input, ctx) => {
	const { bytes, label, maxBytes, allowPdf } = input;
	const fail = (message: string) => {
		ctx.addIssue({ code: z.ZodIssueCode.custom, message });
		return z.NEVER;
	};
	if (bytes.length === 0) return fail(`file "${label}" is empty (0 bytes); check the node that produced it`);
	if (bytes.length > maxBytes) {
		return fail(
			`file "${label}" is ${megabytes(bytes.length)}, over the ${megabytes(maxBytes)} limit; shrink the image or raise Max Image Size under Options`,
		);
	}
	const type = detectImageType(bytes);
	const allowed = allowPdf ? 'JPG, PNG, BMP or PDF' : 'JPG, PNG or BMP';
	if (!type || (type === 'pdf' && !allowPdf)) {
		const why = type === 'pdf' ? 'it is a PDF' : describeUnknown(bytes);
		return fail(`file "${label}" is not a ${allowed} image (${why})`);
	}
	return bytes.toString('base64');
});

export async function readBinaryImage(
	context: IExecuteFunctions,
	itemIndex: number,
	binaryPropertyName: string,
	limits: { maxBytes: number; allowPdf: boolean },
): Promise<ImageInput> {
	const binary = context.helpers.assertBinaryData(itemIndex, binaryPropertyName);
	const bytes = await context.helpers.getBinaryDataBuffer(itemIndex, binaryPropertyName);
	return { bytes, label: binary.fileName ?? binaryPropertyName, ...limits };
}

function imageLimits(context: IExecuteFunctions, itemIndex: number) {
	const options = context.getNodeParameter('options', itemIndex, {}) as { maxImageSizeMb?: number; allowPdf?: boolean };
	return {
		maxBytes: Math.round((options.maxImageSizeMb ?? DEFAULT_MAX_IMAGE_MB) * 1024 * 1024),
		allowPdf: options.allowPdf === true,
	};
}

/** An image taken from a binary field of the input item, sent as base64. */
export const image: FieldKind = {
	id: 'image',
	displayName: 'Input Binary Field',
	description: 'The name of the input binary field holding the image (JPG, PNG or BMP)',
	property: { type: 'string', default: 'data', hint: 'The name of the input binary field containing the file to be read' },
	schema: imageSchema,
	read: async (context, itemIndex, parameterName) => {
		const field = context.getNodeParameter(parameterName, itemIndex) as string;
		return await readBinaryImage(context, itemIndex, field.trim(), imageLimits(context, itemIndex));
	},
};
