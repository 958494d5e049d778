import type { Endpoint } from './types';

export const CAR_ENDPOINTS: Endpoint[] = [];
