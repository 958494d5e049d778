import type { Endpoint } from './types';

export const IMP_ENDPOINTS: Endpoint[] = [];
