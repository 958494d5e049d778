import type { FieldKind } from './fieldKind';
import { checkCompanyKeyword } from './rules/companyKeyword';
import { NAME_TEXT } from './rules/normalise';
import { schemaOf, textRule } from './rules/schema';

export const companyKeywordRule = textRule(NAME_TEXT, checkCompanyKeyword);

export const companyKeyword: FieldKind = {
	id: 'companyKeyword',
	displayName: 'Company',
	description: 'Company name as registered, or its 18-character unified social credit code (checked before the call)',
	property: { type: 'string', default: '', placeholder: '福建示例科技有限公司' },
	schema: schemaOf(companyKeywordRule),
};
