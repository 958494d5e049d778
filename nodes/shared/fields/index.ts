import type { FieldKind } from './fieldKind';
import { image } from './image';
import { text } from './text';

/** Every field kind by id. A catalog entry names its fields' kinds from this table. */
export const FIELD_KINDS = {
	image,
	text,
} satisfies Record<string, FieldKind>;

export type FieldKindId = keyof typeof FIELD_KINDS;

export type { FieldKind } from './fieldKind';
