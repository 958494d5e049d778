import type { Endpoint } from './types';

export const EDU_ENDPOINTS: Endpoint[] = [];
