// A scripted stand-in for an OpenAI model, for n8n's AI Agent in the end-to-end tests: an HTTP server on
// 127.0.0.1 (random port) that speaks the part of the OpenAI API n8n's "OpenAI Chat Model" node uses
// with "Use Responses API" off: POST /v1/chat/completions, plus GET /v1/models.
//
//   import { startScriptedModel, toolStep, textStep } from './scripted-model.mjs';
//   const model = await startScriptedModel({ steps: [toolStep('Identity_Check', { name: '张三', idNumber: '…' }), textStep('Done.')] });
//   // OpenAI credential in n8n: { apiKey: 'anything', url: model.baseUrl }   (baseUrl ends in /v1)
//   model.requests  // every request: { method, path, headers, body } in arrival order
//   await model.done  // resolves once the server has stopped itself (or was closed)
//
// Why Chat Completions: n8n 2.39's OpenAI Chat Model 1.3 sends either Chat Completions (LangChain's ChatOpenAI)
// or, with `responsesApiEnabled` (default true in 1.3), the Responses API. Chat Completions is the API every
// OpenAI-compatible server speaks (which is what the credential's Base URL is for), its tools
// (`tools[].function.{name, description, parameters}`) and tool results (`{ role: 'tool', tool_call_id, content }`)
// are plain to read, and the Agent (3.1, outside chat/webhook streaming) calls it with `stream: false`, so one JSON
// answer per request is enough. `stream: true` is answered too (server-sent events), should a caller ask.
//
// Stateless: the reply to a request depends only on the conversation in it. The step to play is the number of
// tool results (`role: 'tool'` messages) already in the conversation, so a retried request gets the same answer
// and tool call ids are fixed per step. Bounded: at most `maxRequests` requests (then HTTP 503) and `lifetimeMs`
// overall; the server stops itself `graceMs` after it has given the final text (long enough for a retry).
// Loopback only. Stdlib only.

import http from 'node:http';

/** A step that calls one tool with these arguments. */
export const toolStep = (tool, args) => ({ tool, args });
/** A step that ends the conversation with a text answer. */
export const textStep = (text) => ({ text });

/** How many tool results the conversation in a Chat Completions request holds. */
export function toolResultCount(body) {
	return (body?.messages ?? []).filter((message) => message?.role === 'tool').length;
}

/** The offered tools of a Chat Completions request: [{ name, description, parameters }]. */
export function offeredTools(body) {
	return (body?.tools ?? []).map((tool) => ({ name: tool.function?.name, description: tool.function?.description, parameters: tool.function?.parameters }));
}

/** The tool results in a Chat Completions request, in order: [{ toolCallId, name, content }] (name from the call it answers). */
export function toolResults(body) {
	const names = new Map();
	for (const message of body?.messages ?? []) {
		for (const call of message?.tool_calls ?? []) names.set(call.id, call.function?.name);
	}
	return (body?.messages ?? [])
		.filter((message) => message?.role === 'tool')
		.map((message) => ({
			toolCallId: message.tool_call_id,
			name: names.get(message.tool_call_id),
			content: typeof message.content === 'string' ? message.content : JSON.stringify(message.content),
		}));
}

function completion(body, message, finishReason, step) {
	return {
		id: `chatcmpl-scripted-${step}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: body.model ?? 'scripted',
		choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
		usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
	};
}

/** The same answer as server-sent events, in the chunk shape of the streaming Chat Completions API. */
function streamChunks(answer) {
	const base = { id: answer.id, object: 'chat.completion.chunk', created: answer.created, model: answer.model };
	const { message, finish_reason: finishReason } = answer.choices[0];
	const delta = { role: 'assistant', content: message.content ?? '' };
	if (message.tool_calls) {
		delta.tool_calls = message.tool_calls.map((call, index) => ({ index, ...call }));
	}
	return [
		{ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: null }] },
		{ ...base, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: finishReason }] },
		{ ...base, choices: [], usage: answer.usage },
	];
}

/**
 * Start the scripted model.
 * @param {object} opts
 * @param {Array<{tool: string, args: object} | {text: string}>} opts.steps played in order; the last should be a text step
 * @param {number} [opts.maxRequests] default 24
 * @param {number} [opts.lifetimeMs] default 10 min
 * @param {number} [opts.graceMs] stop this long after the final text was given (default 3 s)
 * @returns {Promise<{url: string, baseUrl: string, requests: object[], chatRequests: () => object[], finished: () => boolean, done: Promise<void>, close: () => Promise<void>}>}
 */
export async function startScriptedModel(opts) {
	const steps = opts.steps;
	if (!Array.isArray(steps) || steps.length === 0) throw new Error('startScriptedModel: steps are required');
	const maxRequests = opts.maxRequests ?? 24;
	const requests = [];
	let finalGiven = false;
	let stopping = false;
	let stopTimer;
	let resolveDone;
	const done = new Promise((resolve) => (resolveDone = resolve));

	const send = (response, status, payload) => {
		response.writeHead(status, { 'content-type': 'application/json' });
		response.end(JSON.stringify(payload));
	};
	const error = (response, status, message, type = 'invalid_request_error') => send(response, status, { error: { message, type, param: null, code: null } });

	const answer = (body) => {
		const step = toolResultCount(body);
		const play = steps[Math.min(step, steps.length - 1)];
		if (step >= steps.length) {
			return completion(body, { role: 'assistant', content: `Script ended: ${step} tool results for ${steps.length} steps.`, refusal: null }, 'stop', step);
		}
		if ('text' in play) {
			finalGiven = true;
			return completion(body, { role: 'assistant', content: play.text, refusal: null }, 'stop', step);
		}
		const offered = offeredTools(body).map((tool) => tool.name);
		if (!offered.includes(play.tool)) {
			// The model cannot call a tool it was not given: end, and say why (the test reads the recorded requests).
			finalGiven = true;
			return completion(body, { role: 'assistant', content: `Script error: step ${step} calls ${play.tool}, but the tools offered are ${offered.join(', ') || 'none'}.`, refusal: null }, 'stop', step);
		}
		const call = { id: `call_step${step}_${play.tool}`.slice(0, 40), type: 'function', function: { name: play.tool, arguments: JSON.stringify(play.args ?? {}) } };
		return completion(body, { role: 'assistant', content: null, tool_calls: [call], refusal: null }, 'tool_calls', step);
	};

	const server = http.createServer((request, response) => {
		const chunks = [];
		request.on('data', (chunk) => chunks.push(chunk));
		request.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			let body;
			try {
				body = text ? JSON.parse(text) : undefined;
			} catch {
				body = text;
			}
			const path = new URL(request.url, 'http://127.0.0.1').pathname;
			const headers = { authorization: request.headers.authorization, 'content-type': request.headers['content-type'] };
			requests.push({ method: request.method, path, headers, body, at: Date.now() });
			if (requests.length > maxRequests) return error(response, 503, `scripted model: more than ${maxRequests} requests`, 'server_error');
			if (request.method === 'GET' && /\/models$/.test(path)) {
				return send(response, 200, { object: 'list', data: [{ id: 'scripted-model', object: 'model', created: 0, owned_by: 'cbt-e2e' }] });
			}
			if (request.method !== 'POST' || !/\/chat\/completions$/.test(path)) {
				return error(response, 404, `scripted model: only POST /v1/chat/completions is scripted, not ${request.method} ${path} (turn "Use Responses API" off)`);
			}
			if (!body || typeof body !== 'object' || !Array.isArray(body.messages)) return error(response, 400, 'scripted model: the body has no messages');
			const reply = answer(body);
			if (body.stream === true) {
				response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
				for (const chunk of streamChunks(reply)) response.write(`data: ${JSON.stringify(chunk)}\n\n`);
				response.end('data: [DONE]\n\n');
			} else {
				send(response, 200, reply);
			}
			if (finalGiven && !stopTimer) stopTimer = setTimeout(stop, opts.graceMs ?? 3000);
		});
	});

	function stop() {
		if (stopping) return done;
		stopping = true;
		clearTimeout(stopTimer);
		clearTimeout(lifetime);
		server.close(() => resolveDone());
		server.closeAllConnections?.();
		return done;
	}
	const lifetime = setTimeout(stop, opts.lifetimeMs ?? 10 * 60 * 1000);
	lifetime.unref();

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	const url = `http://127.0.0.1:${server.address().port}`;
	return {
		url,
		baseUrl: `${url}/v1`,
		requests,
		/** The Chat Completions request bodies, in order. */
		chatRequests: () => requests.filter((r) => r.method === 'POST' && /\/chat\/completions$/.test(r.path)).map((r) => r.body),
		finished: () => finalGiven,
		done,
		close: stop,
	};
}
