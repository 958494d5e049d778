/* eslint-disable @n8n/community-nodes/no-restricted-imports -- harness tooling runs in Node, not inside n8n */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';

import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, ITriggerFunctions, ITriggerResponse } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

/**
 * n8n-nodes-base is not published at the harness's n8n version, so the harness carries the few
 * n8n-nodes-base nodes the example workflows start with. They do what n8n's own do for our purposes;
 * the real n8n end-to-end suite runs the same workflows with n8n's own nodes.
 */

/** n8n-nodes-base.manualTrigger: one empty item. */
export class ManualTriggerStandIn implements INodeType {
	description = {
		displayName: 'Manual Trigger (harness)',
		name: 'manualTrigger',
		group: ['trigger'],
		version: [1],
		description: '',
		defaults: { name: 'When clicking ‘Execute workflow’' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	} as INodeType['description'];

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const manualTriggerFunction = async () => {
			this.emit([this.helpers.returnJsonArray([{}])]);
		};
		return { manualTriggerFunction };
	}
}

/** Items the test hands in, with binary data: how the harness feeds a node under test. */
export interface HarnessItem {
	json?: IDataObject;
	binary?: Record<string, { data: Buffer; fileName: string; mimeType: string }>;
}

export function inputNodeType(itemsByNode: Map<string, HarnessItem[]>): INodeType {
	return {
		description: {
			displayName: 'Harness Input',
			name: 'input',
			group: ['transform'],
			version: 1,
			description: 'Emits the items the test provides',
			defaults: { name: 'Input' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const items = itemsByNode.get(this.getNode().name) ?? [];
			const output: INodeExecutionData[] = [];
			for (const item of items) {
				const binary: INodeExecutionData['binary'] = {};
				for (const [key, file] of Object.entries(item.binary ?? {})) {
					binary[key] = await this.helpers.prepareBinaryData(file.data, file.fileName, file.mimeType);
				}
				output.push({ json: item.json ?? {}, ...(item.binary ? { binary } : {}), pairedItem: { item: 0 } });
			}
			return [output];
		},
	};
}

/**
 * n8n-nodes-base.readWriteFile, read operation only: emits one item per file matching the
 * selector (a folder and a name pattern with `*`), the file as binary `data`. Relative selectors
 * are resolved against `baseFolder`.
 */
export function readFilesStandIn(baseFolder: string): INodeType {
	return {
		description: {
			displayName: 'Read/Write Files from Disk (harness)',
			name: 'readWriteFile',
			group: ['input'],
			version: [1, 1.1],
			description: '',
			defaults: { name: 'Read Files' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: [
				{
					displayName: 'Operation',
					name: 'operation',
					type: 'options',
					default: 'read',
					options: [{ name: 'Read', value: 'read' }],
				},
				{ displayName: 'File Selector', name: 'fileSelector', type: 'string', default: '' },
				{ displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [] },
			],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const operation = this.getNodeParameter('operation', 0, 'read') as string;
			if (operation !== 'read') throw new Error('The harness stand-in only reads files');
			const selector = this.getNodeParameter('fileSelector', 0) as string;
			const absolute = isAbsolute(selector) ? selector : join(baseFolder, selector);
			const folder = dirname(absolute);
			const pattern = new RegExp(`^${basename(absolute).replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
			const names = readdirSync(folder).filter((name) => pattern.test(name)).sort();
			const items: INodeExecutionData[] = [];
			for (const name of names) {
				const data = readFileSync(join(folder, name));
				const binary = await this.helpers.prepareBinaryData(data, name);
				items.push({ json: { fileName: name }, binary: { data: binary }, pairedItem: { item: 0 } });
			}
			return [items];
		},
	};
}
