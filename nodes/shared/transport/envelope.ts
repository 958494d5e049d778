/** The gateway's unified response (统一接口响应), documented on the gateway's site. */
export interface Envelope {
	code: number;
	request_id?: string;
	/** 1 = this call was billed, 0 = not billed. */
	charge?: number;
	/** Unix seconds at the gateway. */
	timestamp?: number;
	message?: string;
	data?: unknown;
}

export function parseEnvelope(body: unknown): Envelope | undefined {
	let value = body;
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value);
		} catch {
			return undefined;
		}
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
	const candidate = value as Record<string, unknown>;
	if (typeof candidate.code !== 'number') return undefined;
	return candidate as unknown as Envelope;
}

export function isBilled(envelope: Envelope | undefined): boolean | undefined {
	if (!envelope || envelope.charge === undefined) return undefined;
	return Number(envelope.charge) > 0;
}
