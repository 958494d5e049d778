import type { Endpoint } from './types';

export const RPA_TAX_ENDPOINTS: Endpoint[] = [];
