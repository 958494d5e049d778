import type { Endpoint } from './types';

export const TV1_ENDPOINTS: Endpoint[] = [];
