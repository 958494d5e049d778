import {
	computeSignature,
	DEFAULT_SIGNATURE,
	stringToSign,
	type SignatureInput,
	type SignatureSettings,
} from '../../nodes/shared/auth/signing';

/** The example request the README's signature table is computed for. */
export const SIGNING_EXAMPLE: SignatureInput = {
	appKey: 'demo-key',
	appSecret: 'demo-secret',
	timestamp: '1729761327',
	method: 'POST',
	path: '/apis/tt/gw/ocr/v1/invoice',
	body: '{"image":""}',
};

export interface PresetRow {
	label: string;
	settings: SignatureSettings;
	canonical: string;
	signature: string;
}

const ALGORITHM_LABELS: Record<SignatureSettings['algorithm'], string> = {
	md5: 'MD5',
	sha256: 'SHA-256',
	sm3: 'SM3',
	hmacSha256: 'HMAC-SHA256',
	hmacSm3: 'HMAC-SM3',
};

/** Every algorithm × string-to-sign preset, with its canonical string and signature for the example. */
export function signingPresets(): PresetRow[] {
	const rows: PresetRow[] = [];
	for (const algorithm of Object.keys(ALGORITHM_LABELS) as Array<SignatureSettings['algorithm']>) {
		for (const preset of ['standard', 'standardWithBody'] as const) {
			const settings: SignatureSettings = { ...DEFAULT_SIGNATURE, algorithm, stringToSign: preset };
			rows.push({
				label: `${ALGORITHM_LABELS[algorithm]}, ${preset === 'standard' ? 'without body' : 'with body'}`,
				settings,
				canonical: stringToSign(settings, SIGNING_EXAMPLE),
				signature: computeSignature(settings, SIGNING_EXAMPLE),
			});
		}
	}
	return rows;
}
