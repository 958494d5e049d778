import type { FieldKind } from './fieldKind';
import { checkChineseName } from './rules/chineseName';
import { CODE } from './rules/normalise';
import { schemaOf, textRule } from './rules/schema';

export const chineseNameRule = textRule(CODE, checkChineseName);

export const chineseName: FieldKind = {
	id: 'chineseName',
	displayName: 'Name',
	description: 'The person’s name in Chinese characters, exactly as on the ID card; use · in transliterated names (阿卜杜拉·艾买提)',
	property: { type: 'string', default: '', placeholder: '张三' },
	schema: schemaOf(chineseNameRule),
};
