/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node, not inside n8n */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { CODE, GATEWAY_CODES } from '../../nodes/shared/transport/codes';
import { GatewayFailure, interpretResponse, interpretThrown } from '../../nodes/shared/transport/request';

const envelope = (code: number, charge: number, extra: Record<string, unknown> = {}) => ({
	code,
	request_id: 'R1',
	charge,
	timestamp: 1729761327,
	message: 'm',
	data: { a: 1 },
	...extra,
});

describe('reading the gateway envelope', () => {
	it('the success code gives data and metadata', () => {
		const result = interpretResponse(200, envelope(CODE.ok, 1));
		assert.ok(!(result instanceof GatewayFailure));
		assert.deepEqual(result.data, { a: 1 });
		assert.deepEqual(result.meta, { requestId: 'R1', billed: true, code: CODE.ok, message: 'm', gatewayTime: 1729761327 });
	});

	it('parses an envelope that arrives as text', () => {
		const result = interpretResponse(200, JSON.stringify(envelope(CODE.ok, 0)));
		assert.ok(!(result instanceof GatewayFailure));
		assert.equal(result.meta.billed, false);
	});

	it('every code in the table maps to its kind, with request ID and billing in the description', () => {
		for (const [code, meaning] of Object.entries(GATEWAY_CODES)) {
			if (Number(code) === CODE.ok) continue;
			const failure = interpretResponse(200, envelope(Number(code), 1));
			assert.ok(failure instanceof GatewayFailure);
			assert.equal(failure.kind, meaning.kind);
			assert.match(failure.message, new RegExp(`^Gateway error ${code} \\(${meaning.meaning.replace(/[()]/g, '\\$&')}\\): m$`));
			assert.match(failure.description, /^Request ID: R1\. Billed: yes\./);
		}
	});

	it('an unknown code is still an error, marked unknown', () => {
		const failure = interpretResponse(200, envelope(987654, 0));
		assert.ok(failure instanceof GatewayFailure);
		assert.equal(failure.kind, 'unknown');
		assert.match(failure.description, /Billed: no/);
	});

	it('a missing charge says billing is unknown', () => {
		const failure = interpretResponse(200, { code: CODE.invalidParameter, message: 'x' });
		assert.ok(failure instanceof GatewayFailure);
		assert.match(failure.description, /Billed: unknown/);
	});

	it('HTTP errors and bodies that are not the envelope are failures', () => {
		const http = interpretResponse(502, '<html>Bad gateway</html>');
		assert.ok(http instanceof GatewayFailure);
		assert.equal(http.kind, 'http');
		assert.equal(http.httpStatus, 502);
		for (const body of ['<html></html>', '{"code":', { data: {} }, [1, 2], null]) {
			const failure = interpretResponse(200, body);
			assert.ok(failure instanceof GatewayFailure);
			assert.equal(failure.kind, 'notEnvelope');
		}
		const codeZeroWith500 = interpretResponse(500, envelope(CODE.ok, 0));
		assert.ok(codeZeroWith500 instanceof GatewayFailure);
	});
});

describe('classifying a failed connection', () => {
	it('refused connections were not sent; timeouts may have been billed', () => {
		const refused = interpretThrown({ cause: { code: 'ECONNREFUSED' } });
		assert.equal(refused.notSent, true);
		assert.match(refused.description, /not billed/);
		const timeout = interpretThrown({ cause: { code: 'ECONNABORTED' } });
		assert.equal(timeout.kind, 'timeout');
		assert.equal(timeout.notSent, false);
		assert.match(timeout.description, /may have billed/);
		// What n8n's request helper actually throws: a NodeApiError with only a fixed message.
		assert.equal(interpretThrown(new Error('The service refused the connection - perhaps it is offline')).notSent, true);
		assert.equal(interpretThrown(new Error('The connection was aborted, perhaps the server is offline')).kind, 'timeout');
		const reset = interpretThrown({ cause: { code: 'ECONNRESET' } });
		assert.equal(reset.notSent, false);
		assert.match(reset.description, /may have been billed/);
	});
});
