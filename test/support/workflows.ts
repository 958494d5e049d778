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
