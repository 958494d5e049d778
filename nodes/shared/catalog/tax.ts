import type { Endpoint } from './types';

export const TAX_ENDPOINTS: Endpoint[] = [];
