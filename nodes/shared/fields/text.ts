import { z } from 'zod';

import type { FieldKind } from './fieldKind';

/** Free text: trimmed, must not be empty. The fallback for fields without a stricter kind. */
export const text: FieldKind = {
	id: 'text',
	displayName: 'Value',
	description: '',
	property: { type: 'string', default: '' },
	schema: z
		.unknown()
		.transform((value) => (value === undefined || value === null ? '' : String(value).trim()))
		.refine((value) => value.length > 0, { message: 'is empty; enter a value' }),
};
