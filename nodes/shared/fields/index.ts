import { bankCard } from './bankCard';
import { chineseName } from './chineseName';
import { companyKeyword } from './companyKeyword';
import { creditCode } from './creditCode';
import { date } from './date';
import { faceImage } from './faceImage';
import type { FieldKind } from './fieldKind';
import { idNumber } from './idNumber';
import { image } from './image';
import { mobile } from './mobile';
import { plate } from './plate';
import { text } from './text';
import { vin } from './vin';

/** Every field kind by id. A catalog entry names its fields' kinds from this table. */
export const FIELD_KINDS = {
	bankCard,
	chineseName,
	companyKeyword,
	creditCode,
	date,
	faceImage,
	idNumber,
	image,
	mobile,
	plate,
	text,
	vin,
} satisfies Record<string, FieldKind>;

export type FieldKindId = keyof typeof FIELD_KINDS;

export type { FieldKind } from './fieldKind';
