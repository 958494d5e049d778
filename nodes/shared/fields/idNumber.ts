import type { FieldKind } from './fieldKind';
import { text } from './text';

// Placeholder until its rules are written: accepts any non-empty text.
export const idNumber: FieldKind = {
	id: 'idNumber',
	displayName: 'ID Number',
	description: 'Resident ID card number (居民身份证号), 18 digits or the old 15-digit form',
	property: { type: 'string', default: '', placeholder: '11010519491231002X' },
	schema: text.schema,
};
