import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { profileFromText, type ParsedProfile, type ProfileError } from './parse';

/** The credential field that holds the profile. */
export const PROFILE_FIELD = 'gatewayProfile';

/** The profile in a CBT API credential, checked; undefined when there is none, a ProfileError when it does not pass. */
export function profileOf(credentials: ICredentialDataDecryptedObject | undefined): ParsedProfile | ProfileError | undefined {
	const text = credentials?.[PROFILE_FIELD];
	return typeof text === 'string' ? profileFromText(text) : undefined;
}

export { codeBook, contractFor, notificationFields, toWire, type Contract, type ListKeys } from './contract';
export { endpointId, inspectProfile, inspectProfileText, ProfileError, type ParsedProfile } from './parse';
export type { GatewayProfile, ProfileEndpoint } from './types';
