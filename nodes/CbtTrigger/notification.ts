import type { IDataObject } from 'n8n-workflow';

import { createHash, timingSafeEqual } from 'node:crypto';

import type { CbtCredentials } from '../shared/auth/credentialSigning';
import { computeSignature, HEADER_APP_KEY, HEADER_SIGNATURE, HEADER_TIMESTAMP } from '../shared/auth/signing';

/**
 * Checks the gateway's asynchronous notifications (异步通知). The gateway does not document them,
 * so the format is our choice (README, CBT Trigger), every part of it configurable in the CBT Trigger:
 * a JSON POST signed like a request (X-CBT-APPKEY / X-CBT-TIMESTAMP / X-CBT-SIGNATURE, computed
 * with the credential's signature settings over the exact body and the path it was posted to),
 * with the notification's type, unique ID, order ID and data in named body fields.
 * Pure functions: no n8n context, so the sandbox's tests and the node agree on one implementation.
 */

export interface NotificationFormat {
	eventField: string;
	/** Unique per notification and the same on every delivery attempt: the replay key. */
	idField: string;
	orderIdField: string;
	dataField: string;
}

export const DEFAULT_FORMAT: NotificationFormat = {
	eventField: 'event',
	idField: 'request_id',
	orderIdField: 'order_id',
	dataField: 'data',
};

export const EVENTS = {
	completed: 'rpa_tax.order.completed',
	failed: 'rpa_tax.order.failed',
} as const;

/** What the trigger answers to an accepted notification (chosen: the gateway's envelope style). */
export const DEFAULT_ACKNOWLEDGEMENT = { code: 0, message: 'success' };

export const DEFAULT_WINDOW_SECONDS = 300;
/** How long an accepted notification's ID is remembered, and how many are kept at most. */
export const REPLAY_RETENTION_MS = 24 * 3600 * 1000;
export const REPLAY_MAX_ENTRIES = 1000;
/** A notification carries an order's status, not its data: anything larger is not one (chosen limit). */
export const MAX_NOTIFICATION_BYTES = 1024 * 1024;

export interface IncomingNotification {
	method: string;
	/** The path the notification was posted to, as this server received it. */
	path: string;
	headers: Record<string, string | string[] | undefined>;
	/** The body exactly as received. */
	rawBody: string;
}

export interface Notification {
	body: IDataObject;
	event: string;
	id: string;
	orderId?: string;
	data: unknown;
	/** The signed timestamp, in milliseconds. */
	sentAt: number;
}

export type Verification = { ok: true; notification: Notification } | { ok: false; status: 400 | 401 | 413; reason: string };

function header(headers: IncomingNotification['headers'], name: string): string | undefined {
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() !== wanted) continue;
		return Array.isArray(value) ? value[0] : value;
	}
	return undefined;
}

function sameText(a: string, b: string): boolean {
	const left = Buffer.from(a);
	const right = Buffer.from(b);
	return left.length === right.length && timingSafeEqual(left, right);
}

function text(value: unknown): string | undefined {
	if (typeof value === 'string' && value !== '') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

/**
 * Verifies one notification: its size first (413, before hashing a body of any size), then the
 * signature (401), the timestamp window (401) and the body (400). Replays are the caller's
 * business (see ReplayGuard), because only the caller keeps state.
 */
export function verifyNotification(
	credentials: CbtCredentials,
	request: IncomingNotification,
	options: { windowSeconds?: number; format?: NotificationFormat; nowMs?: number; maxBodyBytes?: number } = {},
): Verification {
	const maxBodyBytes = options.maxBodyBytes ?? MAX_NOTIFICATION_BYTES;
	if (Buffer.byteLength(request.rawBody) > maxBodyBytes) {
		return { ok: false, status: 413, reason: `The body is larger than ${maxBodyBytes} bytes` };
	}
	const format = options.format ?? DEFAULT_FORMAT;
	const windowSeconds = options.windowSeconds ?? DEFAULT_WINDOW_SECONDS;
	const nowMs = options.nowMs ?? Date.now();
	const appKey = header(request.headers, HEADER_APP_KEY);
	const timestamp = header(request.headers, HEADER_TIMESTAMP);
	const signature = header(request.headers, HEADER_SIGNATURE);
	if (!appKey || !timestamp || !signature) return { ok: false, status: 401, reason: 'Missing signature headers' };
	if (!sameText(appKey, credentials.appKey)) return { ok: false, status: 401, reason: 'Unknown App Key' };

	const expected = computeSignature(credentials.signature, {
		appKey,
		appSecret: credentials.appSecret,
		timestamp,
		method: request.method,
		path: request.path,
		body: request.rawBody,
	});
	const hex = credentials.signature.encoding !== 'base64';
	if (!sameText(hex ? expected.toLowerCase() : expected, hex ? signature.trim().toLowerCase() : signature.trim())) {
		return { ok: false, status: 401, reason: 'Signature mismatch' };
	}

	const sentAt = credentials.signature.timestampUnit === 'milliseconds' ? Number(timestamp) : Number(timestamp) * 1000;
	if (!Number.isFinite(sentAt) || Math.abs(nowMs - sentAt) > windowSeconds * 1000) {
		return { ok: false, status: 401, reason: `Timestamp outside the allowed window of ${windowSeconds} seconds` };
	}

	let body: unknown;
	try {
		body = JSON.parse(request.rawBody);
	} catch {
		return { ok: false, status: 400, reason: 'The body is not JSON' };
	}
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return { ok: false, status: 400, reason: 'The body is not a JSON object' };
	}
	const fields = body as IDataObject;
	// Without an ID field, an identical body is the same notification.
	const id = text(fields[format.idField]) ?? `sha256:${createHash('sha256').update(request.rawBody).digest('hex')}`;
	return {
		ok: true,
		notification: {
			body: fields,
			event: text(fields[format.eventField]) ?? '',
			id,
			orderId: text(fields[format.orderIdField]),
			data: fields[format.dataField],
			sentAt,
		},
	};
}

/**
 * Remembers the IDs of accepted notifications in a plain object (the trigger keeps it in the
 * workflow's static data), so that a notification delivered twice starts the workflow once.
 * Bounded: entries older than the retention are dropped, and beyond the maximum the oldest go.
 */
export class ReplayGuard {
	constructor(
		private readonly seen: Record<string, number>,
		private readonly retentionMs: number = REPLAY_RETENTION_MS,
		private readonly maxEntries: number = REPLAY_MAX_ENTRIES,
	) {}

	has(id: string, nowMs: number = Date.now()): boolean {
		const at = this.seen[id];
		return typeof at === 'number' && nowMs - at <= this.retentionMs;
	}

	/** The set after recording `id`: a new object, so that n8n notices the static data changed. */
	remember(id: string, nowMs: number = Date.now()): Record<string, number> {
		let kept = Object.entries(this.seen).filter(([key, at]) => key !== id && typeof at === 'number' && nowMs - at <= this.retentionMs);
		if (kept.length >= this.maxEntries) kept = kept.sort((a, b) => b[1] - a[1]).slice(0, this.maxEntries - 1);
		return Object.fromEntries([...kept, [id, nowMs]]);
	}
}
