import type { FieldKind } from './fieldKind';
import { bankCardWarning, checkBankCard } from './rules/bankCard';
import { CODE } from './rules/normalise';
import { schemaOf, textRule, warningOf } from './rules/schema';

export const bankCardRule = textRule(CODE, checkBankCard);

export const bankCard: FieldKind = {
	id: 'bankCard',
	displayName: 'Bank Card Number',
	description: 'Bank card number, 16 to 19 digits; spaces and dashes are removed',
	property: { type: 'string', default: '', placeholder: '6222020200112233446' },
	schema: schemaOf(bankCardRule),
	warn: warningOf(bankCardRule, bankCardWarning),
};
