import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { profileFromText, type ParsedProfile } from './parse';

/** The credential field that holds the profile. */
export const PROFILE_FIELD = 'gatewayProfile';

/** The profile in a CBT API credential, checked; undefined when there is none. Throws a ProfileError. */
export function profileOf(credentials: ICredentialDataDecryptedObject | undefined): ParsedProfile | undefined {
	const text = credentials?.[PROFILE_FIELD];
	return typeof text === 'string' ? profileFromText(text) : undefined;
}

export { codeBook, contractFor, notificationFields, toWire, type Contract, type ListKeys } from './contract';
export { checkProfile, endpointId, parseProfile, ProfileError, type ParsedProfile } from './parse';
export type { GatewayProfile, ProfileEndpoint } from './types';
