import type { Endpoint } from './types';

export const ENT_ENDPOINTS: Endpoint[] = [];
