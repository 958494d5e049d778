import type { Endpoint } from './types';

export const MISC_ENDPOINTS: Endpoint[] = [];
