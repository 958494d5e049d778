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
	/** The request's X-CBT-TIMESTAMP and X-CBT-SIGNATURE headers as received, when it had them. */
	timestamp?: string;
	signature?: string;
}

export class Ledger {
	readonly entries: LedgerEntry[] = [];

	/** Who waits for the next entry (see `until`). */
	private readonly watchers: Array<() => void> = [];

	add(entry: LedgerEntry): void {
		this.entries.push(entry);
		for (const resolve of this.watchers.splice(0)) resolve();
	}

	/** Resolves once `test` holds for the entries: checked now and after every new entry. */
	async until(test: (entries: readonly LedgerEntry[]) => boolean): Promise<void> {
		while (!test(this.entries)) await new Promise<void>((resolve) => this.watchers.push(resolve));
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
