import type { INode, INodeParameters } from 'n8n-workflow';

import type { WorkflowJson } from '../harness/harness';

/** The harness's input node, which hands the run's items to the next node. */
export function inputNode(): INode {
	return { id: 'input', name: 'Input', type: 'harness.input', typeVersion: 1, position: [0, 0], parameters: {} };
}

/** Input (harness items, or another input node) → one CBT node: the shape most tests need. */
export function singleNodeWorkflow(type: string, parameters: INodeParameters, settings: Partial<INode> = {}, input: INode = inputNode()): WorkflowJson {
	return {
		nodes: [
			input,
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
		connections: { [input.name]: { main: [[{ node: 'CBT', type: 'main', index: 0 }]] } },
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
