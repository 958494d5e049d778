import type { IDataObject } from 'n8n-workflow';

import type { FieldKindId } from '../fields';
import type { VerdictRule } from '../outcomes/verdict';

export type Category = 'GA' | 'OCR' | 'ENT' | 'OPT' | 'EDU' | 'CAR' | 'IMP' | 'TAX' | 'RPA_TAX' | 'tv1' | 'MISC';

export interface FieldSpec {
	/** The key in the request body. Only Invoice OCR's keys are documented; the rest are our guess. */
	key: string;
	kind: FieldKindId;
	/** The n8n parameter holding the value; defaults to the key. Endpoints share a parameter when they share a name. */
	parameter?: string;
	displayName?: string;
	description?: string;
	/** Defaults to true. */
	required?: boolean;
}

/** The n8n parameter a field is read from. */
export function parameterOf(field: FieldSpec): string {
	return field.parameter ?? field.key;
}

export type OutputShape =
	/** `data` is one record: one output item. */
	| { kind: 'object' }
	/** `data[itemsKey]` is a list of records: one output item each. */
	| { kind: 'list'; itemsKey: string }
	/** Not called by us: the gateway calls the user's webhook (异步通知), received by CBT Trigger. */
	| { kind: 'notification' }
	/**
	 * `data` acknowledges a task (data[taskIdKey]); its result comes from the node's `resultOperation`,
	 * called with { [resultTaskIdKey]: id }. Status values are our guess at the result's convention.
	 */
	| {
			kind: 'task';
			taskIdKey: string;
			resultOperation: string;
			resultTaskIdKey: string;
			statusKey: string;
			pendingStatuses: readonly string[];
			failedStatuses: readonly string[];
	  };

/** One gateway endpoint. Everything the nodes, the sandbox and the README know about it. */
export interface Endpoint {
	category: Category;
	/** Groups operations in a node with many of them (ENT); omitted elsewhere. */
	resource?: string;
	/** Unique within its node; also the sandbox's fixture key. */
	operation: string;
	/** English name, shown in the operation dropdown. */
	name: string;
	/** The gateway's own name for the endpoint. */
	chineseName: string;
	/** What the operation does, as n8n's "action" text: "Read an invoice image". */
	action: string;
	/**
	 * What comes back, in a sentence for people: the operation's description in the dropdown ("Returns the
	 * registered name, legal representative, capital and status"). Required for every endpoint the nodes
	 * call (a test holds it); says "assumed" where it names codes or values the gateway does not document.
	 */
	returns?: string;
	method: 'GET' | 'POST';
	path: string;
	/** True only where the gateway's documentation shows the path. */
	pathConfirmed: boolean;
	fields: FieldSpec[];
	output: OutputShape;
	/**
	 * Rewrites the checked body just before it is sent, for endpoints whose fields travel
	 * transformed (the SM version of the two-factor check encrypts them). Receives the node's options.
	 */
	transformBody?: (body: IDataObject, options: Readonly<Record<string, unknown>>) => IDataObject;
	/**
	 * Check endpoints only: how the answer reads as a verdict (match / mismatch / noRecord / unknown),
	 * added to each output item as `verdict`. Shared tables in verdicts.ts; a gateway profile may replace it.
	 */
	verdict?: VerdictRule;
	/**
	 * The answer may hold ID numbers, mobiles or bank card numbers although no input field is one
	 * (OCR of cards and invoices), so the node offers Mask Personal Data.
	 */
	outputHoldsPersonalData?: boolean;
}
