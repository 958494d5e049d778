import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CATALOG, type Endpoint } from '../../catalog';
import { contractFor, toWire } from '../../profile';
import { clock } from '../../transport/clock';
import { isRateLimit, isRetryable, retryDelayMs } from '../../transport/retry';
import { billedText, callGateway, GatewayFailure, sendToGateway, toNodeError, type ResponseMeta } from '../../transport/request';
import { noDataFromFailure, noDataOrThrow } from './noData';
import { asRecord } from './single';
import type { CallOutcome, CallPlan, CallStrategy } from './types';

type TaskOutput = Extract<Endpoint['output'], { kind: 'task' }>;

export const WAIT_PARAMETER = 'waitForResult';
export const INTERVAL_PARAMETER = 'pollIntervalSeconds';
export const TIMEOUT_PARAMETER = 'waitTimeoutSeconds';
export const RESULT_PATH_OPTION = 'resultPath';
export const DEFAULT_INTERVAL_SECONDS = 10;
export const DEFAULT_WAIT_TIMEOUT_SECONDS = 300;
const MIN_INTERVAL_SECONDS = 1;
const MAX_WAIT_SECONDS = 3600;

/** Wait for Result and its settings, for the task operations. */
function waitParameters(taskOperations: readonly string[]): INodeProperties[] {
	const operations = [...taskOperations];
	const waiting = { operation: operations, [WAIT_PARAMETER]: [true] };
	return [
		{
			displayName: 'Wait for Result',
			name: WAIT_PARAMETER,
			type: 'boolean',
			default: false,
			displayOptions: { show: { operation: operations } },
			description:
				'Whether to poll for the result until it is ready and output it, instead of outputting the task ID. Each poll is a call the gateway may bill.',
		},
		{
			displayName: 'Poll Interval (Seconds)',
			name: INTERVAL_PARAMETER,
			type: 'number',
			default: DEFAULT_INTERVAL_SECONDS,
			typeOptions: { minValue: MIN_INTERVAL_SECONDS, maxValue: 600 },
			displayOptions: { show: waiting },
			description: 'How long to wait before each poll. Fewer polls cost less if the gateway bills them.',
		},
		{
			displayName: 'Wait Timeout (Seconds)',
			name: TIMEOUT_PARAMETER,
			type: 'number',
			default: DEFAULT_WAIT_TIMEOUT_SECONDS,
			typeOptions: { minValue: 1, maxValue: MAX_WAIT_SECONDS },
			displayOptions: { show: waiting },
			description:
				'How long to wait for the result in all. After that the node fails with the task ID, so the result can be fetched later with Get Result.',
		},
	];
}

/** The Result Path option, for users whose gateway documents a different result path. */
function resultPathOptions(operations: readonly string[]): INodeProperties[] {
	return [
		{
			displayName: 'Result Path',
			name: RESULT_PATH_OPTION,
			type: 'string',
			default: '',
			placeholder: '/apis/tt/gw/imp/v1/result',
			description: 'Overrides the path polled by Wait for Result. Empty: the Get Result operation’s path.',
			displayOptions: { show: { '/operation': [...operations] } },
		},
	];
}

function seconds(value: unknown, fallback: number, min: number, max: number): number {
	const number = typeof value === 'number' && Number.isFinite(value) ? value : fallback;
	return Math.min(max, Math.max(min, number));
}

function resultEndpoint(endpoint: Endpoint, output: TaskOutput): Endpoint {
	const found = CATALOG.find((candidate) => candidate.category === endpoint.category && candidate.operation === output.resultOperation);
	if (!found) throw new Error(`The catalog has no ${endpoint.category}.${output.resultOperation} to fetch results from`);
	return found;
}

/** Combines billed flags: yes if any call was billed, no if every call said no, unknown otherwise. */
function anyBilled(flags: Array<boolean | undefined>): boolean | undefined {
	if (flags.some((flag) => flag === true)) return true;
	return flags.every((flag) => flag === false) ? false : undefined;
}

interface PollLog {
	polls: number;
	billed: Array<boolean | undefined>;
}

function pollSummary(log: PollLog): string {
	const billed = log.billed.filter((flag) => flag === true).length;
	const unknown = log.billed.filter((flag) => flag === undefined).length;
	const parts = [`Polled ${log.polls} time${log.polls === 1 ? '' : 's'}; the gateway billed ${billed} of the polls`];
	if (unknown) parts.push(`and did not say for ${unknown}`);
	return `${parts.join(' ')}.`;
}

/**
 * Sends the request, then (with Wait for Result) polls the result operation every interval until
 * the result is ready, the task reports a failure, or the wait times out. Polls are never retried
 * after an answer that may have been billed, and no call is made after the result has arrived or
 * the time is up, so waiting costs exactly what the gateway bills for the polls.
 */
async function callTask(context: IExecuteFunctions, plan: CallPlan, itemIndex: number): Promise<CallOutcome> {
	const output = plan.endpoint.output as TaskOutput;
	const taskIdKey = plan.contract.task?.taskIdKey ?? output.taskIdKey;
	let started;
	try {
		started = await callGateway(context, plan.request, itemIndex, plan.call);
	} catch (error) {
		return noDataOrThrow(error, plan.contract.codes);
	}
	const accepted = asRecord(started.data);
	if (!(context.getNodeParameter(WAIT_PARAMETER, itemIndex, false) as boolean)) {
		return { records: [accepted], meta: started.meta };
	}
	const taskId = accepted[taskIdKey];
	if ((typeof taskId !== 'string' && typeof taskId !== 'number') || taskId === '') {
		throw new NodeOperationError(context.getNode(), `Item ${itemIndex}: the gateway accepted the request but sent no task ID (data.${taskIdKey})`, {
			itemIndex,
			description: `Request ID: ${started.meta.requestId ?? 'none'}. Billed: ${billedText(started.meta.billed)}. Nothing was polled.`,
		});
	}
	return await poll(context, plan, itemIndex, output, String(taskId), started.meta);
}

export const taskCall: CallStrategy = {
	call: callTask,
	parameters: waitParameters,
	options: resultPathOptions,
	keyParameters: [WAIT_PARAMETER, INTERVAL_PARAMETER, TIMEOUT_PARAMETER],
};

async function poll(
	context: IExecuteFunctions,
	plan: CallPlan,
	itemIndex: number,
	output: TaskOutput,
	taskId: string,
	startedMeta: ResponseMeta,
): Promise<CallOutcome> {
	const target = contractFor(resultEndpoint(plan.endpoint, output), plan.profile);
	const statusKey = plan.contract.task?.statusKey ?? output.statusKey;
	const path = (plan.options[RESULT_PATH_OPTION] as string | undefined)?.trim() || target.path;
	const body: IDataObject = toWire(target, { [output.resultTaskIdKey]: taskId });
	const request = target.method === 'GET' ? { method: target.method, path, qs: body } : { method: target.method, path, body };
	const intervalMs = seconds(context.getNodeParameter(INTERVAL_PARAMETER, itemIndex, DEFAULT_INTERVAL_SECONDS), DEFAULT_INTERVAL_SECONDS, MIN_INTERVAL_SECONDS, 600) * 1000;
	const timeoutSeconds = seconds(context.getNodeParameter(TIMEOUT_PARAMETER, itemIndex, DEFAULT_WAIT_TIMEOUT_SECONDS), DEFAULT_WAIT_TIMEOUT_SECONDS, 1, MAX_WAIT_SECONDS);
	const deadline = clock.now() + timeoutSeconds * 1000;
	const log: PollLog = { polls: 0, billed: [] };
	const describe = (text: string) => `Task ID: ${taskId}. ${text} ${pollSummary(log)}`;

	let wait = intervalMs;
	// A poll is only sent if it can start before the deadline: a late one would cost without use.
	while (clock.now() + wait <= deadline) {
		await clock.sleep(wait);
		wait = intervalMs;
		await plan.call.throttle?.ready();
		const outcome = await sendToGateway(context, request, plan.call.timeoutMs, target.codes);
		log.polls++;
		log.billed.push(outcome.meta.billed);

		if (outcome instanceof GatewayFailure) {
			if (outcome.kind === 'pending') continue;
			if (outcome.kind === 'noData') {
				// The task ran and found nothing: an answer like any other, billed as the calls were.
				outcome.description = describe(outcome.description);
				return noDataFromFailure(context, outcome, itemIndex, anyBilled([startedMeta.billed, ...log.billed]));
			}
			if (isRetryable(outcome)) {
				// Cannot have been billed; a rate limit also slows the node's other calls.
				const delay = Math.max(intervalMs, retryDelayMs(plan.call.retry ?? { maxRetries: 0, baseDelayMs: intervalMs, maxDelayMs: intervalMs }, 0, outcome.retryAfterMs));
				if (isRateLimit(outcome)) plan.call.throttle?.pause(delay);
				wait = delay;
				continue;
			}
			outcome.description = describe(outcome.description);
			throw toNodeError(context, outcome, itemIndex);
		}

		const result = asRecord(outcome.data);
		const status = String(result[statusKey] ?? '').toLowerCase();
		if (output.pendingStatuses.includes(status)) continue;
		if (output.failedStatuses.includes(status)) {
			const reason = typeof result.message === 'string' ? `: ${result.message}` : '';
			throw new NodeOperationError(context.getNode(), `Item ${itemIndex}: task ${taskId} failed${reason}`, {
				itemIndex,
				description: describe(`Request ID: ${outcome.meta.requestId ?? 'none'}. Start a new request to try again.`),
			});
		}
		return { records: [result], meta: { ...outcome.meta, billed: anyBilled([startedMeta.billed, ...log.billed]) } };
	}

	throw new NodeOperationError(context.getNode(), `Item ${itemIndex}: task ${taskId} did not finish within ${timeoutSeconds} seconds`, {
		itemIndex,
		description: describe(
			`The request was accepted (request ID ${startedMeta.requestId ?? 'none'}, billed: ${billedText(startedMeta.billed)}). Fetch the result later with the Get Result operation and this task ID, or raise Wait Timeout.`,
		),
	});
}
