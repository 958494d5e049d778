import type { ICredentialDataDecryptedObject, ICredentialTestRequest, INodeCredentialTestResult, INodeType } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { loadPackage, runWorkflow } from './harness';

/*
 * What n8n's credential tester does with a declarative `test` (read in n8n 2.39's
 * packages/cli/src/services/credentials-tester.service.ts): the test request becomes the routing of
 * a throw-away declarative node, which n8n-core's RoutingNode sends through the credential's
 * `authenticate`; a failed request is an error, then each `responseSuccessBody` rule fails the test
 * when the answer's key holds the rule's value.
 */

const TESTER = 'harness.credentialTest';

function testerNode(request: ICredentialTestRequest['request']): INodeType {
	return {
		description: {
			displayName: 'Credential Test',
			name: TESTER,
			group: ['transform'],
			version: 1,
			description: 'n8n’s throw-away node for a declarative credential test',
			defaults: { name: 'Credential Test' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: 'cbtApi', required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', default: '', routing: { request } }],
		},
	};
}

export async function testCredential(data: ICredentialDataDecryptedObject): Promise<INodeCredentialTestResult> {
	const test = (await loadPackage()).credentials.get('cbtApi')?.test;
	if (!test) throw new Error('the CBT API credential has no declarative test');
	const result = await runWorkflow(
		{
			nodes: [
				{ id: 'input', name: 'Input', type: 'harness.input', typeVersion: 1, position: [0, 0], parameters: {} },
				{ id: 'test', name: 'Test', type: TESTER, typeVersion: 1, position: [200, 0], parameters: {}, credentials: { cbtApi: { id: '1', name: 'CBT' } } },
			],
			connections: { Input: { main: [[{ node: 'Test', type: 'main', index: 0 }]] } },
		},
		{ credentials: { cbtApi: data }, inputs: { Input: [{ json: {} }] }, extraNodeTypes: { [TESTER]: testerNode(test.request) } },
	);
	const error = result.error('Test') as (Error & { cause?: { code?: string; response?: { status: number; statusText?: string } } }) | undefined;
	if (error) {
		const response = error.cause?.response;
		if (response && (response.status < 200 || response.status > 299)) return { status: 'Error', message: response.statusText || `Received HTTP status code: ${response.status}` };
		if (error.cause?.code) return { status: 'Error', message: error.cause.code };
		return { status: 'Error', message: error.message };
	}
	const body = result.output('Test')[0]?.json ?? {};
	for (const rule of test.rules ?? []) {
		if (rule.type === 'responseSuccessBody' && body[rule.properties.key] === rule.properties.value) return { status: 'Error', message: rule.properties.message };
	}
	return { status: 'OK', message: 'Connection successful!' };
}
