/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, no-console -- a benchmark tool that runs as its own process */
/**
 * A remote HTTPS gateway, on loopback: the sandbox (plain HTTP) behind this proxy, which terminates
 * TLS with a certificate made for the run and adds a fixed round-trip time.
 *
 *   client ──TCP── delay (half the round trip each way) ──TLS server── plain TCP ── sandbox
 *
 * The delay stage holds every chunk for half the round trip in each direction, so every exchange
 * (TLS handshake flights, request and answer) costs one round trip. The TCP handshake, which the
 * kernel completes at once on loopback, is charged as one more round trip: a new connection's first
 * bytes are held a whole round trip longer, as they would arrive 1.5 round trips after a real
 * connect() began. So a new connection costs TCP (1) + TLS 1.3 (1) + the request (1) round trips,
 * a kept-alive one only the request.
 *
 * Run as a child process (fork, with IPC): argv sandbox URL, certificate folder, round trip in ms.
 * It sends { type: 'ready', port }, answers { type: 'stats' } with its counts and { type: 'reset' }.
 * makeCertificates() makes the CA and server certificate with /usr/bin/openssl.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { connect, createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';

export interface ProxyStats {
	/** TCP connections accepted. */
	connections: number;
	/** TLS handshakes completed: full ones, and resumed sessions. */
	handshakes: number;
	resumed: number;
}

const OPENSSL = '/usr/bin/openssl';

/**
 * A CA and a server certificate for 127.0.0.1 and localhost signed by it (ECDSA P-256, valid one
 * day), in `dir`: ca.pem (for NODE_EXTRA_CA_CERTS), server.pem, server.key.
 */
export function makeCertificates(dir: string): { ca: string; cert: string; key: string } {
	const path = (name: string) => join(dir, name);
	const run = (args: string[]) => execFileSync(OPENSSL, args, { stdio: ['ignore', 'ignore', 'pipe'] });
	const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
	run(['req', '-x509', ...ec, '-keyout', path('ca.key'), '-out', path('ca.pem'), '-days', '1', '-subj', '/CN=n8n-nodes-cbt bench CA']);
	run(['req', ...ec, '-keyout', path('server.key'), '-out', path('server.csr'), '-subj', '/CN=localhost']);
	writeFileSync(
		path('server.ext'),
		'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n',
	);
	run(['x509', '-req', '-in', path('server.csr'), '-CA', path('ca.pem'), '-CAkey', path('ca.key'), '-CAcreateserial', '-out', path('server.pem'), '-days', '1', '-extfile', path('server.ext')]);
	return { ca: path('ca.pem'), cert: path('server.pem'), key: path('server.key') };
}

/**
 * Writes chunks to `target` `delayMs` after they were handed over, strictly in order (one queue,
 * one timer), then its end when that was handed over.
 */
function delayedWriter(target: Socket, delayMs: number) {
	const queue: Array<{ at: number; chunk: Buffer | null }> = [];
	let timer: NodeJS.Timeout | undefined;
	const flush = () => {
		timer = undefined;
		const now = Date.now();
		while (queue.length > 0 && queue[0].at <= now) {
			const { chunk } = queue.shift()!;
			if (target.destroyed) continue;
			if (chunk === null) target.end();
			else target.write(chunk);
		}
		if (queue.length > 0) timer = setTimeout(flush, queue[0].at - now);
	};
	const push = (chunk: Buffer | null, extraMs: number) => {
		const last = queue.length > 0 ? queue[queue.length - 1].at : 0;
		queue.push({ at: Math.max(Date.now() + delayMs + extraMs, last), chunk });
		if (!timer) timer = setTimeout(flush, queue[0].at - Date.now());
	};
	return {
		write: (chunk: Buffer, extraMs = 0) => push(chunk, extraMs),
		end: () => push(null, 0),
		/** Chunks not yet written (a connection is closed only once they are). */
		pending: () => queue.length,
	};
}

export async function startTlsProxy(options: { target: URL; certDir: string; roundTripMs: number }) {
	const stats: ProxyStats = { connections: 0, handshakes: 0, resumed: 0 };
	const oneWay = options.roundTripMs / 2;
	const tls = createTlsServer(
		{ cert: readFileSync(join(options.certDir, 'server.pem')), key: readFileSync(join(options.certDir, 'server.key')), noDelay: true },
		(secure: TLSSocket) => {
			stats.handshakes++;
			if (secure.isSessionReused()) stats.resumed++;
			const upstream = connect({ port: Number(options.target.port), host: options.target.hostname, noDelay: true });
			secure.pipe(upstream);
			upstream.pipe(secure);
			const close = () => {
				secure.destroy();
				upstream.destroy();
			};
			secure.on('error', close);
			upstream.on('error', close);
		},
	);
	tls.on('tlsClientError', () => {});
	await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
	const tlsPort = (tls.address() as AddressInfo).port;

	// Nagle's algorithm off everywhere: a delayed ACK would add 40 ms to some exchanges, not a fixed round trip.
	const delay = createTcpServer({ noDelay: true }, (client) => {
		stats.connections++;
		const server = connect({ port: tlsPort, host: '127.0.0.1', noDelay: true });
		const toServer = delayedWriter(server, oneWay);
		const toClient = delayedWriter(client, oneWay);
		let first = true;
		client.on('data', (chunk: Buffer) => {
			// The TCP handshake's round trip, charged to the connection's first bytes.
			toServer.write(chunk, first ? options.roundTripMs : 0);
			first = false;
		});
		server.on('data', (chunk: Buffer) => toClient.write(chunk));
		client.on('end', () => toServer.end());
		server.on('end', () => toClient.end());
		const close = () => {
			client.destroy();
			server.destroy();
		};
		client.on('error', close);
		server.on('error', close);
		// A side that closed takes the other down once what it sent has been delivered.
		const closeAfter = (writer: ReturnType<typeof delayedWriter>, other: Socket) => {
			const check = () => (writer.pending() > 0 ? setTimeout(check, oneWay) : other.end());
			check();
		};
		client.on('close', () => closeAfter(toServer, server));
		server.on('close', () => closeAfter(toClient, client));
	});
	await new Promise<void>((resolve) => delay.listen(0, '127.0.0.1', resolve));
	return {
		port: (delay.address() as AddressInfo).port,
		stats: (): ProxyStats => ({ ...stats }),
		reset: () => Object.assign(stats, { connections: 0, handshakes: 0, resumed: 0 }),
		close: () => {
			delay.close();
			tls.close();
		},
	};
}

export type ProxyMessage = { type: 'ready'; port: number } | { type: 'stats'; stats: ProxyStats };

if (require.main === module) {
	const [target, certDir, roundTrip] = process.argv.slice(2);
	startTlsProxy({ target: new URL(target), certDir, roundTripMs: Number(roundTrip) }).then(
		(proxy) => {
			process.on('message', (message: { type: string }) => {
				if (message.type === 'stats') process.send?.({ type: 'stats', stats: proxy.stats() } satisfies ProxyMessage);
				if (message.type === 'reset') {
					proxy.reset();
					process.send?.({ type: 'stats', stats: proxy.stats() } satisfies ProxyMessage);
				}
			});
			process.on('disconnect', () => process.exit(0));
			process.send?.({ type: 'ready', port: proxy.port } satisfies ProxyMessage);
		},
		(error: Error) => {
			console.error(error);
			process.exit(1);
		},
	);
}
