import type { FieldKind } from './fieldKind';
import { FREE_TEXT } from './rules/normalise';
import { schemaOf, textRule } from './rules/schema';

export const freeTextRule = textRule(FREE_TEXT);

/** Free text: normalised and trimmed, must not be empty. The fallback for fields without a stricter kind. */
export const text: FieldKind = {
	id: 'text',
	displayName: 'Value',
	description: '',
	property: { type: 'string', default: '' },
	schema: schemaOf(freeTextRule),
};
