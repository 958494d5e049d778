/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node, not inside n8n */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { vinCheckDigit } from '../nodes/shared/fields/rules';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { runWorkflow } from './harness/harness';
import { credentialFor } from './support/sandbox';
import { singleNodeWorkflow } from './support/workflows';

/** A VIN whose position-9 check digit is wrong, which Chinese VINs often are: a warning, not an error. */
function vinWithWrongCheckDigit(): string {
	const base = 'LSVAU2180N2183294';
	const right = vinCheckDigit(base);
	const wrong = right === '0' ? '1' : '0';
	return `${base.slice(0, 8)}${wrong}${base.slice(9)}`;
}

describe('warnings that do not block the call', () => {
	let sandbox: Sandbox;
	before(async () => {
		sandbox = await startSandbox();
	});
	after(() => sandbox.close());

	it('a VIN failing its check digit is sent, and the run shows a hint naming the item and field', async () => {
		const result = await runWorkflow(
			singleNodeWorkflow('cbtVehicle', { operation: 'vehicleConfiguration', vin: '={{ $json.vin }}' }),
			{ credentials: { cbtApi: credentialFor(sandbox) }, inputs: { Input: [{ json: { vin: vinWithWrongCheckDigit() } }] } },
		);
		assert.equal(result.error('CBT'), undefined);
		assert.equal(sandbox.ledger.entries.length, 1, 'the call was made');
		const task = result.run.data.resultData.runData.CBT?.[0] as { hints?: Array<{ message: string }> };
		const messages = (task.hints ?? []).map((hint) => hint.message);
		assert.ok(messages.some((message) => message.startsWith("Item 0, field 'VIN':")), JSON.stringify(messages));
	});
});
