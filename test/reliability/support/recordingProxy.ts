/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node, not inside n8n */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
	method: string;
	path: string;
	headers: IncomingHttpHeaders;
	body: string;
}

export interface RecordingProxy {
	url: string;
	requests: RecordedRequest[];
	close(): Promise<void>;
}

/**
 * Sits between the nodes and the sandbox and remembers every request exactly as sent (headers and
 * body), so tests can see what was sent for which item and which signatures went over the wire.
 * Answers, faults included, are passed back untouched: a dropped connection drops the client's too.
 */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
	const requests: RecordedRequest[] = [];
	const sockets = new Set<Socket>();
	const upstream = new URL(target);
	const server: Server = createServer((incoming, outgoing) => {
		const chunks: Buffer[] = [];
		incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
		incoming.on('end', () => {
			const body = Buffer.concat(chunks);
			requests.push({ method: incoming.method ?? 'GET', path: incoming.url ?? '/', headers: incoming.headers, body: body.toString('utf8') });
			const forward = httpRequest(
				{ host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
				(answer) => {
					outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
					answer.pipe(outgoing);
					answer.on('error', () => outgoing.destroy());
					answer.on('aborted', () => outgoing.destroy());
				},
			);
			forward.on('error', () => outgoing.destroy());
			outgoing.on('close', () => forward.destroy());
			forward.end(body);
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		close: () =>
			new Promise<void>((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
}
