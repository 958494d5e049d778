import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { jsonParse, NodeConnectionTypes } from 'n8n-workflow';

import { RPA_TAX_ENDPOINTS, RPA_TAX_NOTIFICATIONS, RPA_TAX_RESULT_OPERATIONS } from '../shared/catalog/rpaTax';
import { readCredentials } from '../shared/auth/credentialSigning';
import {
	DEFAULT_ACKNOWLEDGEMENT,
	DEFAULT_FORMAT,
	DEFAULT_WINDOW_SECONDS,
	EVENTS,
	verifyNotification,
	type Notification,
} from './notification';
import { acceptedNotifications, type AcceptedIds } from './acceptedNotifications';
import { contractFor, notificationFields, ProfileError, profileOf, toWire, type ParsedProfile } from '../shared/profile';
import { callGateway } from '../shared/transport/request';

interface TriggerOptions {
	acknowledgement?: string | IDataObject;
	windowSeconds?: number;
	eventField?: string;
	idField?: string;
	orderIdField?: string;
	dataField?: string;
	includeMetadata?: boolean;
	resultPath?: string;
	timeoutSeconds?: number;
}

const SEEN_KEY = 'acceptedNotifications';
/** Where the node's lifecycle methods record the production URL the workflow was activated with. */
const CALLBACK_URL_KEY = 'callbackUrl';

const V1: INodeProperties['displayOptions'] = { show: { '@version': [1] } };
const V2_ON: INodeProperties['displayOptions'] = { show: { '@version': [{ _cnd: { gte: 2 } }] } };

function acknowledgementOf(options: TriggerOptions): unknown {
	const raw = options.acknowledgement;
	if (raw === undefined || raw === '') return DEFAULT_ACKNOWLEDGEMENT;
	return typeof raw === 'string' ? jsonParse(raw, { fallbackValue: raw }) : raw;
}

/** The raw body n8n keeps for webhooks; a re-serialised body only verifies if it is byte-identical. */
function rawBodyOf(context: IWebhookFunctions): string {
	const request = context.getRequestObject();
	if (Buffer.isBuffer(request.rawBody)) return request.rawBody.toString('utf8');
	return JSON.stringify(context.getBodyData());
}

function pathOf(context: IWebhookFunctions): string {
	const request = context.getRequestObject();
	const url = request.originalUrl || request.url || '/';
	return url.split('?')[0];
}

function recordOf(value: unknown): IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...(value as IDataObject) } : { data: value as IDataObject[string] };
}

/** Calls the chosen data operation for the order; failures become part of the item, not a lost notification. */
async function fetchResult(
	context: IWebhookFunctions,
	notification: Notification,
	options: TriggerOptions,
	profile: ParsedProfile | undefined,
): Promise<IDataObject> {
	const operation = context.getNodeParameter('resultOperation', 'taxMerge') as string;
	const endpoint = RPA_TAX_ENDPOINTS.find((candidate) => candidate.operation === operation);
	if (!endpoint) return { resultError: { message: `Unknown operation "${operation}"` } };
	const contract = contractFor(endpoint, profile);
	const fields = toWire(contract, { order_id: notification.orderId });
	try {
		// The gateway helpers only use the request helper and getNode, which a webhook context has too.
		const { data, meta } = await callGateway(
			context as unknown as IExecuteFunctions,
			{
				method: contract.method,
				path: options.resultPath?.trim() || contract.path,
				...(contract.method === 'GET' ? { qs: fields } : { body: fields }),
			},
			0,
			{ timeoutMs: Math.round((options.timeoutSeconds ?? 30) * 1000), codes: contract.codes },
		);
		const result: IDataObject = { result: recordOf(data) };
		if (options.includeMetadata) result.resultMeta = { requestId: meta.requestId ?? null, billed: meta.billed ?? null };
		return result;
	} catch (error) {
		const cause = error as { message?: string; description?: string };
		return { resultError: { message: (cause.message ?? String(error)).replace(/^Item 0: /, ''), description: cause.description ?? null } };
	}
}

/** The notification's identity, on every output item whatever the options (the key for deduplicating downstream). */
function metadataOf(notification: Notification): IDataObject {
	return {
		event: notification.event,
		notificationId: notification.id,
		orderId: notification.orderId ?? null,
		sentAt: new Date(notification.sentAt).toISOString(),
	};
}

/** Options of both versions; v1's Fetch Result options are listed only for v1. */
const commonOptions: INodeProperties[] = [
	{
		displayName: 'Acknowledgement',
		name: 'acknowledgement',
		type: 'json',
		default: JSON.stringify(DEFAULT_ACKNOWLEDGEMENT),
		description: 'The body answered to an accepted notification. The gateway’s expected answer is not documented.',
	},
	{
		displayName: 'Data Field',
		name: 'dataField',
		type: 'string',
		default: 'data',
		description: 'The body field whose value becomes the output item',
	},
	{
		displayName: 'Event Field',
		name: 'eventField',
		type: 'string',
		default: 'event',
		description: 'The body field holding the notification type',
	},
	{
		displayName: 'ID Field',
		name: 'idField',
		type: 'string',
		default: 'request_id',
		description: 'The body field holding the notification’s unique ID, used to ignore repeated deliveries',
	},
];

const orderIdOption = (description: string): INodeProperties => ({
	displayName: 'Order ID Field',
	name: 'orderIdField',
	type: 'string',
	default: 'order_id',
	description,
});

const windowOption: INodeProperties = {
	displayName: 'Timestamp Window (Seconds)',
	name: 'windowSeconds',
	type: 'number',
	default: DEFAULT_WINDOW_SECONDS,
	typeOptions: { minValue: 1, maxValue: 86400 },
	description: 'Notifications whose signed timestamp is further than this from this server’s clock are rejected',
};

// The gateway has no API to register a callback URL: the user links it (Push Order's Callback URL or
// the gateway's console). The lifecycle methods therefore manage only what n8n itself can know: the
// production URL the workflow was activated with, kept in the node's static data. They never call
// the gateway.
export class CbtTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CBT Trigger',
		name: 'cbtTrigger',
		icon: { light: 'file:../../icons/trigger.svg', dark: 'file:../../icons/trigger.dark.svg' },
		group: ['trigger'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["events"].join(", ") || "All notifications"}}',
		description: 'Starts the workflow when the CBT gateway sends an asynchronous notification, such as a finished tax data collection',
		defaults: { name: 'CBT Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cbtApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'cbt',
			},
		],
		properties: [
			{
				displayName:
					'Paste this node’s Production URL (above) into the Callback URL of CBT Tax Data › Push Order, or register it with the gateway as your App Key’s notification URL, then activate the workflow. The notification format is assumed; see the README.',
				name: 'linkNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName:
					'To fetch the collected data, add CBT Tax Data › Get Result Once after this trigger: it fetches (and pays for) each notification’s result once, even when the gateway delivers the notification again',
				name: 'fetchNotice',
				type: 'notice',
				default: '',
				displayOptions: V2_ON,
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				default: [],
				options: [
					{ name: 'Order Completed', value: EVENTS.completed, description: 'A tax data collection finished' },
					{ name: 'Order Failed', value: EVENTS.failed, description: 'A tax data collection failed' },
				],
				description: 'Which notifications start the workflow. Empty: all. Others are acknowledged and ignored.',
			},
			{
				displayName: 'Fetch Result',
				name: 'fetchResult',
				type: 'boolean',
				default: false,
				displayOptions: V1,
				description:
					'Whether to fetch the collected data when an order completes, and add it to the item under "result". This is one call per notification, which the gateway may bill. (Version 2 of this node leaves this to CBT Tax Data › Get Result Once.)',
			},
			{
				displayName: 'Result Operation',
				name: 'resultOperation',
				type: 'options',
				default: 'taxMerge',
				displayOptions: { show: { '@version': [1], fetchResult: [true] } },
				options: RPA_TAX_RESULT_OPERATIONS.map((endpoint) => ({
					name: endpoint.name,
					value: endpoint.operation,
					description: endpoint.chineseName,
				})).sort((a, b) => a.name.localeCompare(b.name)),
				description: 'The CBT Tax Data operation whose answer is fetched for the order',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				displayOptions: V1,
				options: [
					...commonOptions,
					{
						displayName: 'Include Notification Metadata',
						name: 'includeMetadata',
						type: 'boolean',
						default: false,
						description:
							'Whether to add the notification type, order ID and send time to the item, under "_cbt" (the notification ID is always there, as "_cbt.notificationId")',
					},
					orderIdOption('The body field holding the order ID, used by Fetch Result'),
					{
						displayName: 'Result Path',
						name: 'resultPath',
						type: 'string',
						default: '',
						placeholder: '/apis/tt/gw/rpa_tax/v1/taxmerge',
						description: 'Overrides the path Fetch Result calls. Empty: the Result Operation’s path.',
					},
					{
						displayName: 'Result Timeout (Seconds)',
						name: 'timeoutSeconds',
						type: 'number',
						default: 30,
						typeOptions: { minValue: 1, maxValue: 600 },
						description: 'How long to wait for the gateway to answer Fetch Result',
					},
					windowOption,
				],
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				displayOptions: V2_ON,
				options: [...commonOptions, orderIdOption('The body field holding the order ID (output as "_cbt.orderId")'), windowOption],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node');
				return data[CALLBACK_URL_KEY] === this.getNodeWebhookUrl('default');
			},
			async create(this: IHookFunctions): Promise<boolean> {
				// Nothing to register remotely: remember the URL the gateway must be given, for checkExists.
				const data = this.getWorkflowStaticData('node');
				data[CALLBACK_URL_KEY] = this.getNodeWebhookUrl('default');
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				// The accepted notification IDs stay: a notification resent after reactivation is still a repeat.
				const data = this.getWorkflowStaticData('node');
				delete data[CALLBACK_URL_KEY];
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const version = this.getNode().typeVersion;
		const options = this.getNodeParameter('options', {}) as TriggerOptions;
		const response = this.getResponseObject();
		const rawCredentials = await this.getCredentials('cbtApi');
		const profile = profileOf(rawCredentials);
		if (profile instanceof ProfileError) {
			// Not acknowledged, so the gateway delivers it again once the credential is fixed.
			response.status(500).json({ code: 500, message: 'The receiver is misconfigured' });
			return { noWebhookResponse: true };
		}
		// The node's own options win over the profile, which wins over the package's assumption.
		const named = notificationFields(profile, RPA_TAX_NOTIFICATIONS[0]);
		const format = {
			eventField: options.eventField || named.event || DEFAULT_FORMAT.eventField,
			idField: options.idField || named.id || DEFAULT_FORMAT.idField,
			orderIdField: options.orderIdField || named.orderId || DEFAULT_FORMAT.orderIdField,
			dataField: options.dataField || named.data || DEFAULT_FORMAT.dataField,
		};
		const credentials = readCredentials(rawCredentials);
		const verification = verifyNotification(
			credentials,
			{ method: this.getRequestObject().method ?? 'POST', path: pathOf(this), headers: this.getHeaderData(), rawBody: rawBodyOf(this) },
			{ windowSeconds: options.windowSeconds ?? DEFAULT_WINDOW_SECONDS, format },
		);
		if (!verification.ok) {
			// Answered here so that the status is not n8n's default 200; no workflowData: no execution.
			response.status(verification.status).json({ code: verification.status, message: verification.reason });
			return { noWebhookResponse: true };
		}
		const { notification } = verification;
		const acknowledgement = acknowledgementOf(options);

		// From here to the claim there is no `await`: within this process, the check and the record
		// of the ID are one step, so of any number of simultaneous deliveries exactly one goes on.
		const node = this.getNode();
		const scope = `${this.getWorkflow().id ?? ''}\u0000${node.id ?? node.name}`;
		const staticData = this.getWorkflowStaticData('node');
		const loaded = (staticData[SEEN_KEY] ?? {}) as AcceptedIds;
		const accepted = acceptedNotifications.claim(scope, notification.id, loaded);
		// Static data is saved whole after the answer, last writer wins: write the union of what this
		// request loaded and what this process knows, so that no save drops an accepted ID.
		acceptedNotifications.writeInto(scope, staticData, SEEN_KEY);
		// A repeat (the gateway retrying a delivery we already took) is acknowledged so that it stops.
		if (!accepted) return { webhookResponse: acknowledgement };

		const events = this.getNodeParameter('events', []) as string[];
		if (events.length > 0 && !events.includes(notification.event)) return { webhookResponse: acknowledgement };

		const item = recordOf(notification.data);
		const metadata = metadataOf(notification);
		item._cbt = version >= 2 || options.includeMetadata ? metadata : { notificationId: metadata.notificationId };
		// Answered here, before the workflow runs: n8n (2.x) would otherwise answer a webhook that starts a
		// workflow with its own text rather than the acknowledgement, and the gateway would keep retrying.
		response.status(200).json(acknowledgement);
		if (version === 1) {
			const fetch = this.getNodeParameter('fetchResult', false) as boolean;
			if (fetch && notification.event !== EVENTS.failed && notification.orderId) {
				// Version 1 only. After the acknowledgement, and after the ID was claimed: a resend that
				// arrives while this call runs is a repeat in this process, so it is not fetched again.
				Object.assign(item, await fetchResult(this, notification, options, profile));
			}
		}
		return { noWebhookResponse: true, workflowData: [[{ json: item }]] };
	}
}
