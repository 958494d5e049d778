import type { Endpoint } from './types';

export const GA_ENDPOINTS: Endpoint[] = [];
