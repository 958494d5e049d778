import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../transport/request';

/** What differs between the catalog nodes' descriptions; the rest is the same for all of them. */
export interface CatalogNodeLook {
	displayName: string;
	name: string;
	description: string;
	properties: INodeProperties[];
}

/** The parts n8n's lint reads from the node file itself (icon files exist, subtitle set, usable as a tool). */
type WrittenInTheNode = 'icon' | 'subtitle' | 'usableAsTool';

/**
 * A catalog node's description: a transform node, version 1, one input and one output, signed by the
 * CBT API credential. The node file adds `icon`, `subtitle` and `usableAsTool` next to it, since
 * n8n's lint (and its verification scan) look for them there.
 */
export function catalogNodeDescription(look: CatalogNodeLook): Omit<INodeTypeDescription, WrittenInTheNode> {
	return {
		displayName: look.displayName,
		name: look.name,
		group: ['transform'],
		version: 1,
		description: look.description,
		defaults: { name: look.displayName },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: look.properties,
	};
}
