import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_SIGNATURE, signatureHeaders } from '../../../nodes/shared/auth/signing';
import type { WebhookServer } from '../../harness/webhook';

export function notificationBody(id: string): string {
	return JSON.stringify({ event: 'rpa_tax.order.completed', request_id: id, order_id: `ORD-${id}`, data: { order_id: `ORD-${id}`, status: 'completed' } });
}

export interface Delivery {
	status: number;
	body: string;
	/** The signature the request carried, if any. */
	signature?: string;
}

/** Posts a body to the trigger's webhook, signed as the gateway would be (or tampered with). */
export async function deliver(
	server: WebhookServer,
	body: string,
	signing: { appKey: string; appSecret: string; nowMs?: number; contentType?: string; unsigned?: boolean },
): Promise<Delivery> {
	const signed = signing.unsigned
		? {}
		: signatureHeaders(
				DEFAULT_SIGNATURE,
				{ appKey: signing.appKey, appSecret: signing.appSecret, method: 'POST', path: new URL(server.url).pathname, body },
				signing.nowMs,
			);
	const response = await fetch(server.url, {
		method: 'POST',
		headers: { ...signed, 'Content-Type': signing.contentType ?? 'application/json' },
		body,
	});
	return { status: response.status, body: await response.text(), signature: (signed as IDataObject)['X-CBT-SIGNATURE'] as string | undefined };
}
