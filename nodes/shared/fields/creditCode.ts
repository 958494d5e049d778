import type { FieldKind } from './fieldKind';
import { text } from './text';

// Placeholder until its rules are written: accepts any non-empty text.
export const creditCode: FieldKind = {
	id: 'creditCode',
	displayName: 'Unified Social Credit Code',
	description: 'The 18-character unified social credit code (统一社会信用代码)',
	property: { type: 'string', default: '', placeholder: '91350100M000100Y43' },
	schema: text.schema,
};
