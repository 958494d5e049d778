import type { FieldKind } from './fieldKind';
import { text } from './text';

// Placeholder until its rules are written: accepts any non-empty text.
export const date: FieldKind = {
	id: 'date',
	displayName: 'Date',
	description: 'A date as YYYY-MM-DD',
	property: { type: 'string', default: '', placeholder: '2024-01-31' },
	schema: text.schema,
};
