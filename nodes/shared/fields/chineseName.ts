import type { FieldKind } from './fieldKind';
import { text } from './text';

// Placeholder until its rules are written: accepts any non-empty text.
export const chineseName: FieldKind = {
	id: 'chineseName',
	displayName: 'Name',
	description: 'The person’s name as on the ID card',
	property: { type: 'string', default: '', placeholder: '张三' },
	schema: text.schema,
};
