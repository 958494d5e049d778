import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/*
 * An AI agent's model receives only an error's message, not its description, so a node used as a
 * tool puts both in the message: what was wrong, how to fix it, and whether anything was billed.
 * There is one item per tool call, so the "Item 0" prefix is dropped.
 */

export function isTool(context: IExecuteFunctions): boolean {
	return context.getNode().type.endsWith('Tool');
}

export function forAgent(context: IExecuteFunctions, error: NodeApiError | NodeOperationError): NodeApiError | NodeOperationError {
	if (!isTool(context)) return error;
	const problem = error.message.replace(/^Item \d+(: |, )/, '');
	const text = `${problem.charAt(0).toUpperCase()}${problem.slice(1)}`;
	const message = error.description ? `${text.replace(/[.\s]*$/, '.')} ${error.description}` : text;
	return new NodeOperationError(context.getNode(), message, { description: error.description ?? undefined });
}
