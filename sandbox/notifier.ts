import type { NotificationPart } from '../nodes/shared/profile/types';
import type { Clock } from '../nodes/shared/transport/clock';
import { DEFAULT_SIGNATURE, signatureHeaders, type SignatureSettings } from '../nodes/shared/auth/signing';
import { SANDBOX_CLOCK } from './clock';

/**
 * Sends the gateway's asynchronous notification (异步通知) to a callback URL, the way we assume the
 * gateway does (the format is not documented; see the README): a JSON POST signed with the same
 * X-CBT-* headers as requests, over the exact body and the callback URL's path, with the app's
 * signature settings. A receiver that does not acknowledge gets the same notification again, with a
 * fresh timestamp and signature, a bounded number of times.
 */

export interface NotificationSigner {
	appKey: string;
	appSecret: string;
	signature?: SignatureSettings;
}

export interface DeliveryPolicy {
	/** Total attempts, the first included. */
	attempts: number;
	/** Pause before the second attempt; doubles after each failure. */
	retryDelayMs: number;
	/** How long to wait for the receiver's answer. */
	timeoutMs: number;
}

export const DEFAULT_DELIVERY: DeliveryPolicy = { attempts: 3, retryDelayMs: 500, timeoutMs: 5_000 };

/** The body field of each part of a notification; a gateway profile renames them (its 异步通知 entry's `fields`). */
export type NotificationNames = Readonly<Record<NotificationPart, string>>;

export const DEFAULT_NOTIFICATION_NAMES: NotificationNames = { event: 'event', id: 'request_id', orderId: 'order_id', data: 'data' };

export interface NotificationParts {
	event: string;
	/** Unique per notification, the same on every attempt. */
	id: string;
	orderId: string;
	timestamp: number;
	data: unknown;
}

/**
 * The notification's JSON body: `{event, order_id, request_id, timestamp, data}` by default, each
 * part under the name a profile gives it (the timestamp is not a renameable part).
 */
export function notificationBody(parts: NotificationParts, names: Partial<NotificationNames> = {}): Record<string, unknown> {
	const name = { ...DEFAULT_NOTIFICATION_NAMES, ...names };
	const body: Record<string, unknown> = { [name.event]: parts.event, [name.orderId]: parts.orderId, [name.id]: parts.id };
	// A profile that calls one of the parts "timestamp" gets that part there, not the send time.
	if (!Object.values(name).includes('timestamp')) body.timestamp = parts.timestamp;
	body[name.data] = parts.data;
	return body;
}

/** One attempt to deliver one notification: what the sandbox's tests read. */
export interface DeliveryAttempt {
	url: string;
	/** The notification's request_id (the same on every attempt). */
	requestId: string;
	attempt: number;
	at: number;
	status?: number;
	error?: string;
	acknowledged: boolean;
	/** Set when the URL was refused without sending. */
	refused?: string;
}

/** Callbacks go only to this machine, so the sandbox can never be used to post to the internet. */
export function isLocalCallback(url: string): boolean {
	try {
		const target = new URL(url);
		if (target.protocol !== 'http:' && target.protocol !== 'https:') return false;
		return /^127(\.\d{1,3}){3}$/.test(target.hostname) || target.hostname === 'localhost';
	} catch {
		return false;
	}
}

/** The acknowledgement we chose: HTTP 2xx and the JSON {"code": 0, ...}, or the text "success". */
export function isAcknowledgement(status: number, text: string): boolean {
	if (status < 200 || status >= 300) return false;
	if (text.trim().toLowerCase() === 'success') return true;
	try {
		const value = JSON.parse(text) as { code?: unknown };
		return Number(value?.code) === 0 && value.code !== null && value.code !== '';
	} catch {
		return false;
	}
}

/**
 * Delivers one notification; resolves with the attempts once it was acknowledged or the attempts
 * are used up. `shouldStop` lets a reset of the sandbox abandon the remaining retries.
 */
export async function deliverNotification(
	url: string,
	notification: Record<string, unknown>,
	signer: NotificationSigner,
	policy: DeliveryPolicy = DEFAULT_DELIVERY,
	record: (attempt: DeliveryAttempt) => void = () => {},
	shouldStop: () => boolean = () => false,
	/** The notification's unique ID; defaults to its `request_id` field. */
	requestId: string = String(notification.request_id ?? ''),
	/** Signs with its time and waits between attempts on it. */
	clock: Clock = SANDBOX_CLOCK,
): Promise<DeliveryAttempt[]> {
	const attempts: DeliveryAttempt[] = [];
	const log = (attempt: DeliveryAttempt) => {
		attempts.push(attempt);
		record(attempt);
	};
	const base = { url, requestId };
	if (!isLocalCallback(url)) {
		log({ ...base, attempt: 1, at: clock.now(), acknowledged: false, refused: 'the sandbox only calls back to 127.0.0.1 or localhost' });
		return attempts;
	}
	const body = JSON.stringify(notification);
	const path = new URL(url).pathname;
	for (let attempt = 1; attempt <= policy.attempts; attempt++) {
		if (shouldStop()) break;
		const headers = signatureHeaders(signer.signature ?? DEFAULT_SIGNATURE, {
			appKey: signer.appKey,
			appSecret: signer.appSecret,
			method: 'POST',
			path,
			body,
		}, clock.now());
		try {
			const response = await fetch(url, {
				method: 'POST',
				headers: { ...headers, 'Content-Type': 'application/json' },
				body,
				signal: AbortSignal.timeout(policy.timeoutMs),
			});
			const text = await response.text();
			const acknowledged = isAcknowledgement(response.status, text);
			log({ ...base, attempt, at: clock.now(), status: response.status, acknowledged });
			if (acknowledged) break;
		} catch (error) {
			log({ ...base, attempt, at: clock.now(), error: (error as Error).message, acknowledged: false });
		}
		if (attempt < policy.attempts) await clock.sleep(policy.retryDelayMs * 2 ** (attempt - 1));
	}
	return attempts;
}
