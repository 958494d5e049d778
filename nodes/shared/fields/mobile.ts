import type { FieldKind } from './fieldKind';
import { checkMobile } from './rules/mobile';
import { CODE } from './rules/normalise';
import { schemaOf, textRule } from './rules/schema';

export const mobileRule = textRule(CODE, checkMobile);

export const mobile: FieldKind = {
	id: 'mobile',
	displayName: 'Mobile Number',
	description: 'Mainland China mobile number, 11 digits; +86, spaces and dashes are removed',
	property: { type: 'string', default: '', placeholder: '13800138000' },
	schema: schemaOf(mobileRule),
};
