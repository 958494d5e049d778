import type { INode, INodeParameters } from 'n8n-workflow';

import type { WorkflowJson } from '../harness/harness';

/** Input (harness items) → one CBT node: the shape most tests need. */
export function singleNodeWorkflow(type: string, parameters: INodeParameters, settings: Partial<INode> = {}): WorkflowJson {
	return {
		nodes: [
			{ id: 'input', name: 'Input', type: 'harness.input', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'cbt',
				name: 'CBT',
				type: `n8n-nodes-cbt.${type}`,
				typeVersion: 1,
				position: [200, 0],
				parameters,
				credentials: { cbtApi: { id: '1', name: 'CBT API' } },
				...settings,
			},
		],
		connections: { Input: { main: [[{ node: 'CBT', type: 'main', index: 0 }]] } },
	};
}

/** A workflow of one CBT Trigger, for serving its webhook. */
export function triggerWorkflow(parameters: INodeParameters = {}): WorkflowJson {
	return {
		nodes: [
			{
				id: 'trigger',
				name: 'CBT Trigger',
				type: 'n8n-nodes-cbt.cbtTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters,
				credentials: { cbtApi: { id: '1', name: 'CBT API' } },
				webhookId: '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
			},
		],
		connections: {},
	};
}
