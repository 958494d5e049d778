// Editor check (`npm run test:editor`): the package in a real n8n 2.39 editor, driven by Playwright
// (playwright-core with Debian's chromium, /usr/bin/chromium or $CHROMIUM_PATH). For every node in
// package.json's n8n.nodes it opens a new workflow, finds the node in the node panel by its English
// name and by a Chinese alias of its own (from its codex file), adds it with its default action, and
// saves a screenshot of its parameter panel to screenshots/<node-name>.png (or $CBT_SCREENSHOTS_DIR).
// Fails if a node is missing from the panel, if its parameter panel does not render or shows an
// error, if the page throws, or if n8n logged an error or warning about the package.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { chromium, selectors } from 'playwright-core';

import { REPO_ROOT } from '../../../scripts/e2e/cbt-home.mjs';
import { startEditorSession } from '../../../scripts/e2e/editor-session.mjs';

const require = createRequire(import.meta.url);
const SCREENSHOTS = path.resolve(process.env.CBT_SCREENSHOTS_DIR || path.join(REPO_ROOT, 'screenshots'));
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CJK = /[\u3400-\u9fff]/;

/** Each node of the built package: display name, file stem, its default action and a Chinese alias only it has. */
function packageNodes() {
	const pj = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
	const nodes = pj.n8n.nodes.map((file) => {
		const NodeClass = Object.values(require(path.join(REPO_ROOT, file)))[0];
		const { description } = new NodeClass();
		const codexFile = path.join(REPO_ROOT, file.replace(/\.js$/, '.json'));
		const aliases = fs.existsSync(codexFile) ? (JSON.parse(fs.readFileSync(codexFile, 'utf8')).alias ?? []) : [];
		const resource = description.properties.find((p) => p.name === 'resource')?.default;
		const operation = description.properties.find(
			(p) => p.name === 'operation' && (!resource || (p.displayOptions?.show?.resource ?? [resource]).includes(resource)),
		);
		const action = operation?.options?.find((o) => o.value === operation.default)?.action;
		const slug = description.displayName.toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
		// the panel lists trigger nodes without their " Trigger" suffix ("CBT Trigger" shows as "CBT")
		const panelName = description.group.includes('trigger') ? description.displayName.replace(/ Trigger$/, '') : description.displayName;
		return { displayName: description.displayName, panelName, name: description.name, slug, action, aliases };
	});
	for (const node of nodes) {
		const others = new Set(nodes.filter((n) => n !== node).flatMap((n) => n.aliases));
		node.chineseAlias = node.aliases.find((a) => CJK.test(a) && !others.has(a));
	}
	return nodes;
}

const nodes = packageNodes();
let session;
let browser;
let page;
const pageErrors = [];

async function openNodePanel() {
	await page.goto(`${session.url}/workflow/new`);
	await page.getByTestId('canvas-add-button').click({ timeout: 20000 });
	await page.getByTestId('node-creator').waitFor();
}

/** Type a search into the node panel; the result item that is this node, or undefined. */
async function search(text, displayName) {
	const input = page.getByTestId('node-creator-search-bar');
	await input.fill('');
	await input.fill(text);
	const item = page.getByTestId('item-iterator-item').filter({ has: page.getByTestId('node-creator-item-name').getByText(displayName, { exact: true }) });
	try {
		await item.first().waitFor({ timeout: 5000 });
		return item.first();
	} catch {
		return undefined;
	}
}

describe('the package in the n8n editor', { timeout: 15 * 60 * 1000 }, () => {
	before(async () => {
		assert.ok(fs.existsSync(CHROMIUM), `no chromium at ${CHROMIUM}: apt-get install -y chromium (and fonts-wqy-zenhei for Chinese text), or set CHROMIUM_PATH`);
		session = await startEditorSession();
		selectors.setTestIdAttribute('data-test-id');
		browser = await chromium.launch({
			executablePath: CHROMIUM,
			args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
		});
		page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
		page.on('pageerror', (error) => pageErrors.push(error.message));
		await page.goto(`${session.url}/signin`);
		await page.fill('#emailOrLdapLoginId', session.login.email);
		await page.fill('#password', session.login.password);
		await page.keyboard.press('Enter');
		await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30000 });
		fs.mkdirSync(SCREENSHOTS, { recursive: true });
	});

	after(async () => {
		await browser?.close();
		await session?.stop();
	});

	for (const node of nodes) {
		it(`${node.displayName}: found by name and by ${node.chineseAlias ?? '(no Chinese alias)'}, parameters shown`, async () => {
			assert.ok(node.chineseAlias, `${node.displayName} has a Chinese alias no other node has in its codex file`);
			await openNodePanel();
			assert.ok(await search(node.chineseAlias, node.panelName), `searching "${node.chineseAlias}" finds ${node.displayName}`);
			const item = await search(node.displayName, node.panelName);
			assert.ok(item, `searching "${node.displayName}" finds it`);
			const errorsBefore = pageErrors.length;
			await item.click();
			const ndv = page.getByTestId('ndv');
			if (!(await ndv.isVisible())) {
				// a node with actions (or a trigger with events): its default action, else the first one listed
				const listed = page.getByTestId('item-iterator-item');
				await listed.first().waitFor({ timeout: 5000 }).catch(() => undefined);
				const preferred = node.action ? listed.filter({ hasText: node.action }) : listed;
				const action = (await preferred.count()) > 0 ? preferred.first() : listed.first();
				if (!(await ndv.isVisible())) await action.click();
			}
			await ndv.waitFor({ timeout: 15000 });
			const parameters = page.getByTestId('node-parameters');
			await parameters.waitFor({ timeout: 15000 });
			await page.waitForTimeout(500); // let the panel settle before the picture
			assert.ok((await parameters.getByTestId('parameter-item').count()) > 0, 'the parameter panel lists parameters');
			const text = await ndv.innerText();
			assert.doesNotMatch(text, /problem loading|could not load|error loading|unrecognized node type|install this node/i);
			assert.deepEqual(pageErrors.slice(errorsBefore), [], 'no uncaught error in the page');
			// the parameters column: from the tabs to the bottom of the panel
			const column = await page.getByTestId('tab-params').boundingBox();
			const box = await parameters.boundingBox();
			const panel = await ndv.boundingBox();
			const clip = { x: box.x - 16, y: column.y - 8, width: box.width + 32, height: panel.y + panel.height - column.y + 8 };
			await page.screenshot({ path: path.join(SCREENSHOTS, `${node.slug}.png`), clip });
			await page.getByTestId('ndv-close-button').click();
		});
	}

	it('n8n logged no error or warning about the package', () => {
		// the n8n install's own path also contains "n8n-nodes-cbt": leave it out of the lines first
		const log = session.logs().split(session.home.install.cacheDir).join('<n8n cache>');
		const bad = log.split('\n').filter((line) => /n8n-nodes-cbt|cbtApi|\bCBT\b/i.test(line) && /error|warn|fail/i.test(line));
		assert.deepEqual(bad, []);
		assert.match(log, /Editor is now accessible/i);
	});
});
