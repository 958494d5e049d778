import type { FieldKind } from './fieldKind';
import { checkCreditCode } from './rules/creditCode';
import { CODE } from './rules/normalise';
import { schemaOf, textRule } from './rules/schema';

export const creditCodeRule = textRule(CODE, checkCreditCode);

export const creditCode: FieldKind = {
	id: 'creditCode',
	displayName: 'Unified Social Credit Code',
	description: 'The 18-character unified social credit code (统一社会信用代码) on the business licence; its check character is verified',
	property: { type: 'string', default: '', placeholder: '91350100M000100Y43' },
	schema: schemaOf(creditCodeRule),
};
