import type { Endpoint } from './types';

export const OPT_ENDPOINTS: Endpoint[] = [];
