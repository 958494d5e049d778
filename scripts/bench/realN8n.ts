/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- a benchmark script, not package code */
/**
 * CBT OCR against what a user builds without this package — a Code node that signs each request
 * and n8n's HTTP Request node — in a real n8n (the cached 2.39.10, scripts/e2e/), against the
 * sandbox running in this process, so its ledger and load counters say what each run did.
 *
 * The same input for both: distinct invoice images read by Read/Write Files from Disk. Time is the
 * work after reading, from n8n's own run data: CBT OCR's node time; Code + HTTP Request from the
 * Code node's start to the HTTP Request node's end (the Code node reads and signs, what CBT OCR
 * also does).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Sandbox } from '../../sandbox/server';
import { SANDBOX_APP_KEY, SANDBOX_APP_SECRET } from '../../sandbox/server';
import { HEADER_APP_KEY, HEADER_SIGNATURE, HEADER_TIMESTAMP } from '../../nodes/shared/auth/signing';
import { billedTwice, rateLimited } from './ledger';

const INVOICE_PATH = '/apis/tt/gw/ocr/v1/invoice';
/** Calls after which the run against a concurrency limit counts as having found it. */
export const LIMIT_FINDING_CALLS = 200;

/* The e2e helpers are plain ES modules without types: what is used of them, typed here. */
interface N8nHome {
	dir: string;
	filesDir: string;
	cleanup: () => void;
}
interface RunData {
	startTime: number;
	executionTime: number;
	error?: { message?: string };
	data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> };
}
interface Execution {
	ok: boolean;
	ms: number;
	code: number | null;
	signal: string | null;
	timedOut: boolean;
	runData: Record<string, RunData[]>;
	error?: { message?: string };
	stdout: string;
	stderr: string;
}
interface Runner {
	createN8nHome: (options: { install: unknown; env?: Record<string, string> }) => Promise<N8nHome>;
	installNodePackage: (home: N8nHome, source: string, options?: { mode?: 'n8n' | 'link' }) => unknown;
	importCredentials: (home: N8nHome, credentials: unknown[]) => Promise<Array<{ id: string; name: string }>>;
	executeWorkflow: (home: N8nHome, id: string, options?: { timeoutMs?: number }) => Promise<Execution>;
	workflowNode: (name: string, type: string, version: number, parameters: unknown, x: number, extra?: unknown) => unknown;
	chainConnections: (...names: string[]) => unknown;
}
interface CbtHome {
	importWorkflows: (home: N8nHome, workflows: unknown[]) => Promise<string[]>;
}
interface Installer {
	ensureN8n: () => Promise<{ n8nVersion: string }>;
}

/** One run of one workflow. */
export interface ComparisonRun {
	workflow: string;
	latencyMs: number;
	/** Share of calls the sandbox refused with 429 at random. */
	refusedShare: number;
	items: number;
	seconds: number;
	itemsPerSecond: number;
	/** The most calls the sandbox handled at once. */
	peakInFlight: number;
	/** Input items without a successful result: an error item, or all of them when the workflow failed. */
	lost: number;
	/** Requests billed more than once, counted once per extra bill. */
	billedTwice: number;
	/** Calls the sandbox answered with 429. */
	refusals: number;
	calls: number;
	/** Each working node's own time, e.g. "Sign 0.4 s + HTTP Request 3.1 s". */
	nodes: string;
	note?: string;
	/** Items/s of every run of this row, when it was run more than once (the row is their median). */
	range?: number[];
}

export interface ComparisonOptions {
	sandbox: Sandbox;
	/** The built package to install, as n8n's installer does (npm pack of its dist/): the repository root. */
	packageDir: string;
	/** Distinct invoice images the sandbox answers with data. */
	images: Buffer[];
	latencies: number[];
	refusedShare: number;
	/** Runs of each workflow in each setting (the median by items/s is reported): CBT OCR and the variant it is judged against (fewer when the deadline is near). */
	runs: number;
	/** Runs of the variants shown for what they lose (HTTP Request stopping on a 429, Retry On Fail). */
	illustrativeRuns: number;
	/**
	 * When the comparison should be over (epoch ms): a judged row runs again only while the rows
	 * left, at the time an execution has taken so far, still fit before it. Every row runs once.
	 */
	deadline?: number;
	/** Items for the run against a concurrency limit, and the limit. */
	limitImages: Buffer[];
	limit: number;
	log: (line: string) => void;
}

/** The Code node a user writes to sign each call: MD5 over App Key + timestamp + App Secret, as the credential's default. */
function signingCode(): string {
	return `const crypto = require('crypto');
const appKey = ${JSON.stringify(SANDBOX_APP_KEY)};
const appSecret = ${JSON.stringify(SANDBOX_APP_SECRET)};
const items = $input.all();
const out = [];
for (let i = 0; i < items.length; i++) {
  const image = await this.helpers.getBinaryDataBuffer(i, 'data');
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = crypto.createHash('md5').update(appKey + timestamp + appSecret).digest('hex');
  out.push({
    json: {
      body: JSON.stringify({ image: image.toString('base64') }),
      headers: { ${JSON.stringify(HEADER_APP_KEY)}: appKey, ${JSON.stringify(HEADER_TIMESTAMP)}: timestamp, ${JSON.stringify(HEADER_SIGNATURE)}: signature },
    },
    pairedItem: { item: i },
  });
}
return out;`;
}

type Variant = 'cbt' | 'http' | 'httpContinue' | 'httpRetry';

const VARIANT_NAMES: Record<Variant, string> = {
	cbt: 'CBT OCR (defaults)',
	http: 'Code + HTTP Request',
	httpContinue: 'Code + HTTP Request, On Error: Continue',
	httpRetry: 'Code + HTTP Request, Retry On Fail',
};

/** The nodes that do the work after reading, per variant. */
const WORKING_NODES: Record<Variant, string[]> = { cbt: ['CBT OCR'], http: ['Sign', 'HTTP Request'], httpContinue: ['Sign', 'HTTP Request'], httpRetry: ['Sign', 'HTTP Request'] };

function median<T>(values: T[], key: (value: T) => number): T {
	const sorted = [...values].sort((a, b) => key(a) - key(b));
	return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** The run against a concurrency limit: refusals in its first calls, after them, and in the second half of its calls. */
export interface LimitRun extends ComparisonRun {
	refusalsWhileFinding: number;
	refusalsAfter: number;
	callsAfter: number;
	refusalsSecondHalf: number;
	callsSecondHalf: number;
}

export async function compareInRealN8n(options: ComparisonOptions): Promise<{ runs: ComparisonRun[]; limitRun: LimitRun }> {
	const root = options.packageDir;
	const e2e = join(__dirname, '..', 'e2e');
	const runner = (await import(join(e2e, 'n8n-runner.mjs'))) as Runner;
	const cbtHome = (await import(join(e2e, 'cbt-home.mjs'))) as CbtHome;
	const installer = (await import(join(e2e, 'n8n-install.mjs'))) as Installer;
	const { sandbox, log } = options;
	const install = await installer.ensureN8n();
	// The Code node may require('crypto') only when the instance allows it, as users set it up.
	const home = await runner.createN8nHome({ install, env: { NODE_FUNCTION_ALLOW_BUILTIN: 'crypto' } });
	try {
		runner.installNodePackage(home, root, { mode: 'n8n' });
		const [credential] = await runner.importCredentials(home, [
			{ name: 'CBT Sandbox', type: 'cbtApi', data: { appKey: SANDBOX_APP_KEY, appSecret: SANDBOX_APP_SECRET, baseUrl: sandbox.url } },
		]);
		const folder = (name: string, images: Buffer[]) => {
			const dir = join(home.filesDir, name);
			mkdirSync(dir, { recursive: true });
			images.forEach((image, index) => writeFileSync(join(dir, `invoice-${String(index).padStart(5, '0')}.png`), image));
			return dir;
		};
		const invoices = folder('invoices', options.images);
		const limitInvoices = folder('invoices-limit', options.limitImages);
		const node = runner.workflowNode;
		const read = (dir: string) => node('Read Invoices', 'n8n-nodes-base.readWriteFile', 1, { operation: 'read', fileSelector: `${dir}/*.png`, options: {} }, 200);
		const start = () => node('Start', 'n8n-nodes-base.manualTrigger', 1, {}, 0);
		const cbtWorkflow = (name: string, dir: string) => ({
			name,
			nodes: [
				start(),
				read(dir),
				node('CBT OCR', 'n8n-nodes-cbt.cbtOcr', 1, { operation: 'invoice', binaryPropertyName: 'data', options: {} }, 400, {
					credentials: { cbtApi: { id: credential.id, name: credential.name } },
				}),
			],
			connections: runner.chainConnections('Start', 'Read Invoices', 'CBT OCR'),
			settings: { executionOrder: 'v1' },
		});
		const httpWorkflow = (variant: Variant) => ({
			name: VARIANT_NAMES[variant],
			nodes: [
				start(),
				read(invoices),
				node('Sign', 'n8n-nodes-base.code', 2, { mode: 'runOnceForAllItems', jsCode: signingCode() }, 400),
				node(
					'HTTP Request',
					'n8n-nodes-base.httpRequest',
					4.2,
					{
						method: 'POST',
						url: `${sandbox.url}${INVOICE_PATH}`,
						sendHeaders: true,
						specifyHeaders: 'json',
						jsonHeaders: '={{ JSON.stringify($json.headers) }}',
						sendBody: true,
						specifyBody: 'json',
						jsonBody: '={{ $json.body }}',
						options: {},
					},
					600,
					variant === 'httpContinue' ? { onError: 'continueRegularOutput' } : variant === 'httpRetry' ? { retryOnFail: true, maxTries: 3, waitBetweenTries: 1000 } : {},
				),
			],
			connections: runner.chainConnections('Start', 'Read Invoices', 'Sign', 'HTTP Request'),
			settings: { executionOrder: 'v1' },
		});
		const variants: Variant[] = ['cbt', 'http', 'httpContinue', 'httpRetry'];
		const ids = await cbtHome.importWorkflows(home, [...variants.map((variant) => (variant === 'cbt' ? cbtWorkflow(VARIANT_NAMES.cbt, invoices) : httpWorkflow(variant))), cbtWorkflow('CBT OCR, limit', limitInvoices)]);
		const idOf = Object.fromEntries(variants.map((variant, index) => [variant, ids[index]])) as Record<Variant, string>;

		const runOnce = async (variant: Variant | 'limit', latencyMs: number, refusedShare: number, items: number, attempt = 1): Promise<ComparisonRun & { ledger: Sandbox['ledger']['entries'] }> => {
			sandbox.reset();
			const execution = await runner.executeWorkflow(home, variant === 'limit' ? ids[ids.length - 1] : idOf[variant], { timeoutMs: 600_000 });
			const ledger = [...sandbox.ledger.entries];
			const load = sandbox.load();
			const working = WORKING_NODES[variant === 'limit' ? 'cbt' : variant];
			const spans = working.map((name) => execution.runData[name]?.[0]).filter((run): run is RunData => run !== undefined);
			if (spans.length < working.length) {
				const exit = `exit ${execution.signal ?? execution.code}${execution.timedOut ? ', timed out' : ''} after ${(execution.ms / 1000).toFixed(1)} s`;
				const why = `${variant}: n8n ran ${Object.keys(execution.runData).join(', ') || 'nothing'} (${exit}); ${execution.error?.message ?? ''} ${execution.stderr.trim().split('\n').slice(-3).join(' | ')}`;
				// The n8n process itself failed (it crashes now and then on this machine, or its printed run is cut
				// off when the machine is busy): run it again, four times at most.
				if (attempt < 5) {
					const printed = execution.stdout.trim();
					const cut = printed !== '' && !printed.endsWith('}') ? '; its printed run was cut off' : '';
					log(`  (${why.slice(0, 300)}${cut}; running it again)`);
					return await runOnce(variant, latencyMs, refusedShare, items, attempt + 1);
				}
				throw new Error(`${why}\n${execution.stdout.slice(-2000)}`);
			}
			const started = Math.min(...spans.map((run) => run.startTime));
			const ended = Math.max(...spans.map((run) => run.startTime + run.executionTime));
			const last = execution.runData[working[working.length - 1]];
			const final = last[last.length - 1];
			const output = final.error ? [] : (final.data?.main?.[0] ?? []);
			const succeeded = output.filter((item) => item.json.error === undefined && (variant === 'cbt' || variant === 'limit' ? true : item.json.code === 0)).length;
			const seconds = (ended - started) / 1000;
			return {
				workflow: variant === 'limit' ? 'CBT OCR (defaults)' : VARIANT_NAMES[variant],
				latencyMs,
				refusedShare,
				items,
				seconds,
				itemsPerSecond: items / seconds,
				peakInFlight: load.peakInFlight,
				lost: items - succeeded,
				billedTwice: billedTwice(ledger),
				refusals: rateLimited(ledger).length,
				calls: ledger.length,
				nodes: working.map((name, index) => `${name} ${(spans[index].executionTime / 1000).toFixed(2)} s`).join(' + '),
				note: final.error ? `failed: ${(final.error.message ?? '').slice(0, 80)}` : undefined,
				ledger,
			};
		};

		const runs: ComparisonRun[] = [];
		// Executions still to come at one run per row (the rows left, and the run against the limit),
		// and the time an execution has taken so far: a judged row runs again only while that fits.
		const settings = options.latencies.length * (2 + (options.refusedShare > 0 ? variants.length : 0));
		let mandatoryLeft = settings + 1;
		let executions = 0;
		let executionMs = 0;
		const timed = async (...args: Parameters<typeof runOnce>) => {
			const started = Date.now();
			const result = await runOnce(...args);
			executions++;
			executionMs += Date.now() - started;
			return result;
		};
		const roomForAnother = () =>
			options.deadline === undefined || executions === 0 || Date.now() + (mandatoryLeft + 1) * (executionMs / executions) <= options.deadline;
		for (const latencyMs of options.latencies) {
			sandbox.setLatency(latencyMs);
			for (const refusedShare of [...new Set([0, options.refusedShare])]) {
				sandbox.setRateLimit(refusedShare > 0 ? { rate: refusedShare, retryAfterSeconds: 1 } : {});
				for (const variant of refusedShare > 0 ? variants : (['cbt', 'http'] as Variant[])) {
					const measured: ComparisonRun[] = [];
					const judged = variant === 'cbt' || (refusedShare > 0 ? variant === 'httpContinue' : variant === 'http');
					mandatoryLeft--;
					for (let run = 0; run < (judged ? options.runs : options.illustrativeRuns); run++) {
						if (run > 0 && !roomForAnother()) {
							log(`  (${VARIANT_NAMES[variant]} at ${latencyMs} ms: ${run} run${run === 1 ? '' : 's'} instead of ${options.runs}, to stay within the time budget)`);
							break;
						}
						const result: ComparisonRun = await timed(variant, latencyMs, refusedShare, options.images.length);
						delete (result as Partial<Awaited<ReturnType<typeof runOnce>>>).ledger;
						measured.push(result);
						log(
							`  ${latencyMs} ms, ${Math.round(refusedShare * 100)} % 429: ${result.workflow}: ${result.itemsPerSecond.toFixed(1)} items/s, peak ${result.peakInFlight} in flight, lost ${result.lost}, billed twice ${result.billedTwice}; ${result.nodes}${result.note ? ` (${result.note})` : ''}`,
						);
					}
					const chosen = median(measured, (run) => run.itemsPerSecond);
					runs.push(measured.length > 1 ? { ...chosen, range: measured.map((run) => run.itemsPerSecond) } : chosen);
				}
			}
		}

		// A gateway that takes `limit` calls at once and refuses the rest: how many refusals once the node found it.
		sandbox.setLatency(options.latencies[0]);
		sandbox.setRateLimit({ concurrency: options.limit, retryAfterSeconds: 1 });
		const limited = await timed('limit', options.latencies[0], 0, options.limitImages.length);
		sandbox.setRateLimit({});
		// The limit counts as found after the first 200 calls (the refusals of the start are all in them).
		const finding = Math.min(LIMIT_FINDING_CALLS, limited.ledger.length);
		const refusalsWhileFinding = rateLimited(limited.ledger.slice(0, finding)).length;
		const { ledger, ...limitResult } = limited;
		const half = Math.floor(ledger.length / 2);
		return {
			runs,
			limitRun: {
				...limitResult,
				refusalsWhileFinding,
				refusalsAfter: rateLimited(ledger.slice(finding)).length,
				callsAfter: ledger.length - finding,
				refusalsSecondHalf: rateLimited(ledger.slice(half)).length,
				callsSecondHalf: ledger.length - half,
			},
		};
	} finally {
		home.cleanup();
	}
}
