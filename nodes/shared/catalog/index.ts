import { OCR_ENDPOINTS } from './ocr';
import type { Endpoint } from './types';

/** The whole catalog: every endpoint the package knows, one file per gateway category. */
export const CATALOG: readonly Endpoint[] = [...OCR_ENDPOINTS];

export { OCR_ENDPOINTS };
export type { Category, Endpoint, FieldSpec, OutputShape } from './types';
