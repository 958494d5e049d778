/** Every call the sandbox answered: what tests read to prove that nothing was billed twice. */
export interface LedgerEntry {
	requestId: string;
	at: number;
	method: string;
	path: string;
	/** The catalog operation, as "CATEGORY.operation", when the path is known. */
	operation?: string;
	appKey?: string;
	code?: number;
	billed: boolean;
	/** The fault injected into this call, if any. */
	fault?: string;
	/** A short hash of the request body: identical requests have identical fingerprints. */
	fingerprint: string;
	/**
	 * The request's keys, sorted: the JSON body's top-level keys (POST) or the query parameter names
	 * (GET); [] when there are none or the body is not a JSON object. What tests read to prove which
	 * keys a node sent (a gateway profile's wire keys, no stale or dropped ones).
	 */
	keys: string[];
	/** The envelope's message (why a parameter was refused, for example), when there was an envelope. */
	message?: string;
}

export class Ledger {
	readonly entries: LedgerEntry[] = [];

	add(entry: LedgerEntry): void {
		this.entries.push(entry);
	}

	billed(): LedgerEntry[] {
		return this.entries.filter((entry) => entry.billed);
	}

	forOperation(operation: string): LedgerEntry[] {
		return this.entries.filter((entry) => entry.operation === operation);
	}

	clear(): void {
		this.entries.length = 0;
	}
}
