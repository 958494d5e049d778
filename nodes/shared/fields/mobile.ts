import type { FieldKind } from './fieldKind';
import { text } from './text';

// Placeholder until its rules are written: accepts any non-empty text.
export const mobile: FieldKind = {
	id: 'mobile',
	displayName: 'Mobile Number',
	description: 'Mainland China mobile number; +86 is removed',
	property: { type: 'string', default: '', placeholder: '13800138000' },
	schema: text.schema,
};
