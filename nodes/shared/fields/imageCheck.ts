import type { ImagePayload } from './imagePayload';

/** Checks an image before anything is sent: emptiness, size, and type by its first bytes. */
export type ImageSource = 'binary' | 'url' | 'base64';

export interface ImageLimits {
	maxBytes: number;
	allowPdf: boolean;
}

export interface ImageInput extends ImageLimits {
	image: ImagePayload;
	/** How the user would recognise the image in a sentence: `file "invoice.png"`, `the base64 text`. */
	label: string;
	source: ImageSource;
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
	if (head.startsWith('<?xml') || head.startsWith('<svg')) return 'it is XML or SVG text';
	if (head.startsWith('{') || head.startsWith('[')) return 'it is JSON text';
	if (head.startsWith('gif8')) return 'it is a GIF';
	return 'its content is not a known image format';
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const EMPTY_HINT: Record<ImageSource, string> = {
	binary: 'check the node that produced it',
	url: 'check that the URL points at the image itself',
	base64: 'check the expression that gives the text',
};

/** What is wrong with an image, as the end of "Item 3, field 'Image URL': …"; undefined when it can be sent. */
export function imageProblem(input: ImageInput): string | undefined {
	const { label, maxBytes, allowPdf } = input;
	const { size, head } = input.image;
	if (size === 0) return `${label} is empty (0 bytes); ${EMPTY_HINT[input.source]}`;
	if (size > maxBytes) {
		return `${label} is ${megabytes(size)}, over the ${megabytes(maxBytes)} limit; shrink the image or raise Max Image Size under Options`;
	}
	const type = detectImageType(head);
	if (!type || (type === 'pdf' && !allowPdf)) {
		const allowed = allowPdf ? 'JPG, PNG, BMP or PDF' : 'JPG, PNG or BMP';
		const why = type === 'pdf' ? 'it is a PDF' : describeUnknown(head);
		return `${label} is not a ${allowed} image (${why})`;
	}
	return undefined;
}
