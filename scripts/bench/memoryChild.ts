/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- a benchmark child process */
/**
 * Memory of one binary-data scenario, in a fresh process of its own (a child of `npm run bench`):
 * large images in n8n's binary store, sent by CBT OCR at a fixed concurrency.
 *
 * - filesystem: n8n's default mode; the node reads each file as a stream, in chunks.
 * - database: n8n's database mode (the default in queue mode) hands a node a stored file as ONE
 *   chunk: its manager loads the whole file from the database and returns Readable.from(buffer).
 *   The harness's n8n-core has no database manager (it lives in the n8n package), so a stand-in
 *   does the same over n8n-core's filesystem manager: the file is stored on disk, and read whole
 *   into one buffer when a node asks for its stream.
 *
 * The files are put into the binary store first, by n8n-core's BinaryDataService.copyBinaryFile
 * (a file copy, no Buffers in this process), so that storing them does not grow the process before
 * the node runs. Then the baseline: after loading n8n-core and the package, a warm-up run of the
 * node over a few of the same stored images, and a GC. RSS and arrayBuffers (Buffers' memory) are
 * sampled every 2 ms during the measured run; the input node hands the stored items over as n8n
 * passes items between nodes (metadata and an id).
 *
 * argv: mode (filesystem | database), sandbox URL, folder of images, concurrency.
 */
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Readable } from 'node:stream';

import type { IBinaryData, INodeExecutionData, INodeType } from 'n8n-workflow';

import { loadPackage, runWorkflow } from '../../test/harness/harness';
import { benchInputDescription, credential, failChild, ocrWorkflow, reportAndExit } from './common';

export type BinaryMode = 'filesystem' | 'database';

export interface MemoryResult {
	mode: BinaryMode;
	items: number;
	ok: number;
	concurrency: number;
	/** Mean size of an image file, bytes. */
	imageBytes: number;
	baseline: { rss: number; arrayBuffers: number; heapUsed: number };
	/** Highest values above the baseline: over the whole run, and while CBT OCR ran. */
	peakRssAbove: number;
	peakArrayBuffersAbove: number;
	nodePeakRssAbove: number;
	nodePeakArrayBuffersAbove: number;
	/** RSS above the baseline when CBT OCR started (after the harness's GC). */
	nodeStartRssAbove: number;
	nodeSeconds: number;
}

const [modeArgument, url, folder, concurrencyArgument] = process.argv.slice(2);
const mode: BinaryMode = modeArgument === 'database' ? 'database' : 'filesystem';
const concurrency = Number(concurrencyArgument ?? 5);

/** Where the run is, for the sampler: handing over the items, then the CBT node. */
const phase = { node: false };

/** Emits the first `count` stored images as items (a new item object for each run, as n8n passes them on). */
function storedItemsNode(stored: IBinaryData[], state: { count: number }): INodeType {
	return {
		description: benchInputDescription('Stored Images (bench)', 'storedImages'),
		async execute(): Promise<INodeExecutionData[][]> {
			const items = stored.slice(0, state.count).map((binary) => ({ json: { fileName: binary.fileName }, binary: { data: { ...binary } }, pairedItem: { item: 0 } }));
			// The CBT node runs next.
			phase.node = true;
			return [items];
		},
	};
}

interface FileManager {
	getAsBuffer(fileId: string): Promise<Buffer>;
	getAsStream(fileId: string, chunkSize?: number): Promise<Readable>;
}

type Service = {
	mode: string;
	managers: Record<string, FileManager>;
	setManager(mode: string, manager: FileManager): void;
	copyBinaryFile(location: { type: 'execution'; workflowId: string; executionId: string }, binaryData: IBinaryData, filePath: string): Promise<IBinaryData>;
};

async function binaryService(): Promise<Service> {
	const core = await import('n8n-core');
	const { Container } = createRequire(require.resolve('n8n-core'))('@n8n/di') as typeof import('@n8n/di');
	return Container.get(core.BinaryDataService) as unknown as Service;
}

/** Database mode's reads over the filesystem manager: a stored file comes back as one whole buffer. */
function useDatabaseModeReads(service: Service): void {
	const files = service.managers.filesystem;
	const database: FileManager = Object.create(files) as FileManager;
	// What n8n's DatabaseManager does: the row's data, whole, as a stream of one chunk.
	database.getAsStream = async (fileId) => Readable.from(await files.getAsBuffer(fileId));
	service.setManager('database', database);
	service.mode = 'database';
}

async function main(): Promise<MemoryResult> {
	await loadPackage(); // loads n8n-core and initialises its binary store
	const service = await binaryService();
	if (mode === 'database') useDatabaseModeReads(service);
	const names = readdirSync(folder).sort();
	const imageBytes = names.reduce((sum, name) => sum + statSync(join(folder, name)).size, 0) / names.length;
	const stored: IBinaryData[] = [];
	for (const name of names) {
		const binary = { data: '', mimeType: 'image/png', fileName: name, fileExtension: 'png', fileType: 'image' } as IBinaryData;
		stored.push(await service.copyBinaryFile({ type: 'execution', workflowId: 'bench', executionId: `memory-${mode}` }, binary, join(folder, name)));
	}
	// n8n-core calls its filesystem mode filesystem-v2 in the ids.
	if (!stored[0]?.id?.startsWith(mode === 'database' ? 'database:' : 'filesystem')) throw new Error(`the images were not stored in ${mode} mode (${stored[0]?.id ?? 'no id'})`);
	const state = { count: concurrency };
	const workflow = ocrWorkflow(concurrency, { id: 'stored', name: 'Input', type: 'bench.storedImages', typeVersion: 1, position: [0, 0], parameters: {} });
	const options = { credentials: { cbtApi: credential(url) }, extraNodeTypes: { 'bench.storedImages': storedItemsNode(stored, state) }, sampleMemory: false };

	// Warm-up through the same path: a few of the large images, so the node, n8n-core and the HTTP stack are loaded.
	const warm = await runWorkflow(workflow, options);
	if (warm.output('CBT').length !== concurrency) throw new Error(`warm-up: CBT produced ${warm.output('CBT').length} items`);
	phase.node = false;
	state.count = stored.length;
	const gc = (globalThis as { gc?: () => void }).gc;
	if (!gc) throw new Error('run with --expose-gc');
	gc();
	gc();
	const { rss, arrayBuffers, heapUsed } = process.memoryUsage();
	const baseline = { rss, arrayBuffers, heapUsed };

	const peaks = { rss, arrayBuffers, nodeRss: rss, nodeArrayBuffers: arrayBuffers };
	const sample = () => {
		const now = process.memoryUsage();
		peaks.rss = Math.max(peaks.rss, now.rss);
		peaks.arrayBuffers = Math.max(peaks.arrayBuffers, now.arrayBuffers);
		if (phase.node) {
			peaks.nodeRss = Math.max(peaks.nodeRss, now.rss);
			peaks.nodeArrayBuffers = Math.max(peaks.nodeArrayBuffers, now.arrayBuffers);
		}
	};
	const sampler = setInterval(sample, 2);
	const result = await runWorkflow(workflow, options);
	sample();
	clearInterval(sampler);
	const timing = result.timings.CBT;
	const ok = result.output('CBT').filter((item) => !item.json.error).length;
	const errors = result.output('CBT').filter((item) => item.json.error);
	if (errors.length > 0) console.log(`  ${mode}: ${errors.length} error items, the first: ${JSON.stringify(errors[0].json.error).slice(0, 200)}`);
	return {
		mode,
		items: stored.length,
		ok,
		concurrency,
		imageBytes,
		baseline,
		peakRssAbove: peaks.rss - rss,
		peakArrayBuffersAbove: peaks.arrayBuffers - arrayBuffers,
		nodePeakRssAbove: peaks.nodeRss - rss,
		nodePeakArrayBuffersAbove: peaks.nodeArrayBuffers - arrayBuffers,
		nodeStartRssAbove: timing.rssBefore - rss,
		nodeSeconds: timing.wallMs / 1000,
	};
}

main().then(reportAndExit, failChild);
