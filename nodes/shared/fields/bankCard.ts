import type { FieldKind } from './fieldKind';
import { text } from './text';

// Placeholder until its rules are written: accepts any non-empty text.
export const bankCard: FieldKind = {
	id: 'bankCard',
	displayName: 'Bank Card Number',
	description: 'Bank card number, 16 to 19 digits',
	property: { type: 'string', default: '', placeholder: '6222020200112233445' },
	schema: text.schema,
};
