import type { FieldKind } from './fieldKind';
import { text } from './text';

// Placeholder until its rules are written: accepts any non-empty text.
export const companyKeyword: FieldKind = {
	id: 'companyKeyword',
	displayName: 'Company',
	description: 'Company name or unified social credit code',
	property: { type: 'string', default: '', placeholder: '福建示例科技有限公司' },
	schema: text.schema,
};
