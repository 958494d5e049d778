// Editor check (`npm run test:editor`): the package in a real n8n 2.39 editor, driven by Playwright
// (playwright-core with Debian's chromium, /usr/bin/chromium or $CHROMIUM_PATH). For every node in
// package.json's n8n.nodes it opens a new workflow, finds the node in the node panel by its English
// name, by a Chinese alias of its own (from its codex file) and by an English and a Chinese task word
// (TASK_WORDS, from nodes/shared/catalog/searchTerms.ts), adds it with its default action, saves a
// screenshot of its parameter panel to screenshots/<node-name>.png (or $CBT_SCREENSHOTS_DIR), then
// checks that its icon on the canvas is its own SVG (not the package's shared cbt.svg) and saves a
// picture of it to test/e2e/editor/screenshots/<node-name>-icon.png (or $CBT_SCREENSHOTS_DIR/icons).
// Then, in CBT Identity & Risk: typing 二要素 in the Operation dropdown shows the name and ID checks;
// the plain name and ID check offers none of the SM options (its SM version does), and the Path option
// shows the operation's own default path. Last, every example workflow's sticky note shows its whole text.
// Fails if a node is missing from the panel, if its parameter panel does not render or shows an
// error, if the page throws, or if n8n logged an error or warning about the package.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { chromium, selectors } from 'playwright-core';

import { SEARCH_TERMS } from '../../../nodes/shared/catalog/searchTerms.ts';
import { REPO_ROOT } from '../../../scripts/e2e/cbt-home.mjs';
import { startEditorSession } from '../../../scripts/e2e/editor-session.mjs';

const require = createRequire(import.meta.url);
const SCREENSHOTS = path.resolve(process.env.CBT_SCREENSHOTS_DIR || path.join(REPO_ROOT, 'screenshots'));
/** Canvas icons and the operation filter: small pictures, gitignored in this folder. */
const EDITOR_SCREENSHOTS = process.env.CBT_SCREENSHOTS_DIR
	? path.resolve(process.env.CBT_SCREENSHOTS_DIR, 'icons')
	: path.join(REPO_ROOT, 'test/e2e/editor/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CJK = /[\u3400-\u9fff]/;

/**
 * Words a person types to find each node (an English and a Chinese task word, not the node's name or
 * the gateway's endpoint names). Each must be one of the node's search terms (searchTerms.ts), which
 * `npm run docs` writes into its codex aliases; the check fails if one is not.
 */
const TASK_WORDS = {
	cbtOcr: ['invoice', '发票识别'],
	cbtIdentity: ['KYC', '实名认证'],
	cbtEnterprise: ['due diligence', '企业信息'],
	cbtCarrier: ['phone verification', '在网时长'],
	cbtEducation: ['degree', '学历'],
	cbtVehicle: ['license plate', '车牌'],
	cbtRealEstate: ['real estate', '房产'],
	cbtTaxReport: ['tax report', '纳税报告'],
	cbtTaxData: ['financial statements', '财务报表'],
	cbtMarketingRisk: ['promotion abuse', '羊毛党'],
	cbtGateway: ['custom request', '接口'],
	cbtTrigger: ['callback', '回调'],
};

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
		const icon = path.basename(String(typeof description.icon === 'object' ? description.icon.light : description.icon).replace(/^file:/, ''));
		return { displayName: description.displayName, panelName, name: description.name, slug, action, aliases, icon };
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

/** Adds the node from the panel (its search result `item`) with its default action; the open parameter panel. */
async function addFromPanel(item, action) {
	await item.click();
	const ndv = page.getByTestId('ndv');
	if (!(await ndv.isVisible())) {
		// a node with actions (or a trigger with events): its default action, else the first one listed
		const listed = page.getByTestId('item-iterator-item');
		await listed.first().waitFor({ timeout: 5000 }).catch(() => undefined);
		// exactly the action's text: "Verify a name and ID number" is also the start of its SM version's
		const preferred = action ? listed.filter({ has: page.getByText(action, { exact: true }) }) : listed;
		const chosen = (await preferred.count()) > 0 ? preferred.first() : listed.first();
		if (!(await ndv.isVisible())) await chosen.click();
	}
	await ndv.waitFor({ timeout: 15000 });
	await page.getByTestId('node-parameters').waitFor({ timeout: 15000 });
	return ndv;
}

/** A new workflow with the node added (found by its name) and its parameter panel open. */
async function openNode(node) {
	await openNodePanel();
	const item = await search(node.displayName, node.panelName);
	assert.ok(item, `searching "${node.displayName}" finds it`);
	return await addFromPanel(item, node.action);
}

/** The open dropdown's visible entries, name and description (n8n's selects are element-plus ones). */
async function dropdownTexts() {
	const entries = page.locator('.el-select-dropdown__item:visible');
	await entries.first().waitFor({ timeout: 5000 }).catch(() => undefined);
	return await entries.allInnerTexts();
}

/** The names of the open dropdown's visible entries. */
async function dropdownEntries() {
	return (await dropdownTexts()).map((text) => text.split('\n')[0].trim());
}

/** Opens the Operation dropdown, types `filter`, and picks the entry named `name`. */
async function pickOperation(filter, name) {
	await page.getByTestId('parameter-input-operation').click();
	await page.keyboard.type(filter);
	await page.locator('.el-select-dropdown__item:visible').filter({ has: page.getByText(name, { exact: true }) }).first().click();
	await page.waitForTimeout(300);
}

/** The entries of the Options collection's "Add option" dropdown for the selected operation. */
async function addableOptions() {
	await page.getByTestId('collection-parameter-add').click();
	const names = await dropdownEntries();
	await page.keyboard.press('Escape');
	await page.waitForTimeout(200);
	return names;
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
		fs.mkdirSync(EDITOR_SCREENSHOTS, { recursive: true });
	});

	after(async () => {
		await browser?.close();
		await session?.stop();
	});

	for (const node of nodes) {
		const [english, chinese] = TASK_WORDS[node.name] ?? [];
		it(`${node.displayName}: found by name, by ${node.chineseAlias ?? '(no Chinese alias)'}, by "${english}" and by ${chinese}; parameters shown; its own icon on the canvas`, async () => {
			assert.ok(node.chineseAlias, `${node.displayName} has a Chinese alias no other node has in its codex file`);
			assert.ok(english && !CJK.test(english) && chinese && CJK.test(chinese), `TASK_WORDS has an English and a Chinese word for ${node.name}`);
			for (const word of [english, chinese]) assert.ok(SEARCH_TERMS[node.name]?.includes(word), `"${word}" is one of ${node.name}'s search terms`);
			await openNodePanel();
			for (const word of [node.chineseAlias, english, chinese]) {
				assert.ok(await search(word, node.panelName), `searching "${word}" finds ${node.displayName}`);
			}
			const item = await search(node.displayName, node.panelName);
			assert.ok(item, `searching "${node.displayName}" finds it`);
			const errorsBefore = pageErrors.length;
			const ndv = await addFromPanel(item, node.action);
			const parameters = page.getByTestId('node-parameters');
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

			// on the canvas: the node's own icon, not the package's shared one. The canvas holds this node
			// and n8n's manual trigger; a node with resources is named after its action, so find it by its icon.
			const canvasNode = page.getByTestId('canvas-node').filter({ has: page.locator('img[src*="/n8n-nodes-cbt/"]') });
			await canvasNode.first().waitFor({ timeout: 10000 });
			assert.equal(await canvasNode.count(), 1, 'one node of the package on the canvas');
			const icon = canvasNode.first().locator('img').first();
			await icon.waitFor({ timeout: 10000 });
			const src = await icon.getAttribute('src');
			assert.ok(src?.endsWith(`/icons/${node.icon}`), `${node.displayName}'s canvas icon is ${src}, not its own ${node.icon}`);
			assert.notEqual(path.basename(src), 'cbt.svg');
			assert.ok(await icon.evaluate((img) => img.complete && img.naturalWidth > 0), `${src} loads`);
			const nodeBox = await canvasNode.first().boundingBox();
			await page.screenshot({
				path: path.join(EDITOR_SCREENSHOTS, `${node.slug}-icon.png`),
				clip: { x: nodeBox.x - 40, y: nodeBox.y - 12, width: nodeBox.width + 80, height: nodeBox.height + 64 },
			});
		});
	}

	it('every node has its own icon file', () => {
		const icons = nodes.map((node) => node.icon);
		assert.equal(new Set(icons).size, icons.length, icons.join(', '));
		assert.ok(!icons.includes('cbt.svg'));
	});

	it('CBT Identity & Risk: typing 二要素 in the Operation dropdown shows the name and ID checks', async () => {
		const identity = nodes.find((node) => node.name === 'cbtIdentity');
		await openNode(identity);
		await page.getByTestId('parameter-input-operation').click();
		await page.keyboard.type('二要素');
		const texts = await dropdownTexts();
		const entries = texts.map((text) => text.split('\n')[0].trim());
		assert.deepEqual([...entries].sort(), ['Name and ID Check (SM, 公安实名二要素核验-SM版本)', 'Name and ID Check (公安实名二要素核验)']);
		for (const text of texts) {
			assert.match(text, /\nReturns whether the name and ID number belong together/, 'each says what comes back');
			assert.doesNotMatch(text, /\/apis\/|path assumed/, 'no endpoint path in the dropdown');
		}
		const dropdown = await page.locator('.el-select-dropdown:visible').first().boundingBox();
		const input = await page.getByTestId('parameter-input-operation').boundingBox();
		await page.screenshot({
			path: path.join(EDITOR_SCREENSHOTS, 'operation-filter.png'),
			clip: { x: input.x - 8, y: input.y - 8, width: Math.max(input.width, dropdown.width) + 16, height: dropdown.y + dropdown.height - input.y + 16 },
		});
		await page.keyboard.press('Escape');
	});

	it('CBT Identity & Risk: the plain name and ID check offers no SM option and no image size; its SM version offers the SM options', async () => {
		const identity = nodes.find((node) => node.name === 'cbtIdentity');
		await openNode(identity);
		const sm = ['Field Protection', 'SM4 Key (Hex)', 'SM4 Mode', 'SM4 IV (Hex)', 'Protected Value Encoding'];
		await pickOperation('二要素', 'Name and ID Check (公安实名二要素核验)');
		const plain = await addableOptions();
		assert.ok(plain.includes('Path') && plain.includes('Skip Input Validation') && plain.includes('On No Data'), plain.join(', '));
		for (const name of [...sm, 'Max Image Size (MB)']) assert.ok(!plain.includes(name), `the plain check offers ${name}`);
		await pickOperation('SM版本', 'Name and ID Check (SM, 公安实名二要素核验-SM版本)');
		const protectedCheck = await addableOptions();
		for (const name of sm) assert.ok(protectedCheck.includes(name), `the SM version offers ${name}: ${protectedCheck.join(', ')}`);
		await pickOperation('人像', 'Portrait Check (公安人像核验)');
		assert.ok((await addableOptions()).includes('Max Image Size (MB)'), 'the portrait check offers Max Image Size');
	});

	it('CBT Identity & Risk: the Path option shows the selected operation’s default path', async () => {
		const identity = nodes.find((node) => node.name === 'cbtIdentity');
		await openNode(identity);
		await pickOperation('二要素', 'Name and ID Check (公安实名二要素核验)');
		await page.getByTestId('collection-parameter-add').click();
		await page.locator('.el-select-dropdown__item:visible').filter({ has: page.getByText('Path', { exact: true }) }).first().click();
		const pathInput = page.getByTestId('parameter-input-path').locator('input, textarea').first();
		await pathInput.waitFor({ timeout: 5000 });
		assert.equal(await pathInput.getAttribute('placeholder'), '/apis/tt/gw/ga/v1/twofactor');
		const pathItem = page.getByTestId('parameter-item').filter({ has: page.getByTestId('parameter-input-path') }).last();
		assert.match(await pathItem.innerText(), /Empty: POST \/apis\/tt\/gw\/ga\/v1\/twofactor \(assumed\)/);
		// the option stays, with the other operation's path
		await pickOperation('多头', 'Multiple Lending (多头借贷查询)');
		assert.equal(await pathInput.getAttribute('placeholder'), '/apis/tt/gw/ga/v1/multilending');
		assert.match(await pathItem.innerText(), /Empty: POST \/apis\/tt\/gw\/ga\/v1\/multilending \(assumed\)/);
	});

	it('every example workflow’s sticky note shows its whole text', async () => {
		for (const workflow of session.workflows) {
			await page.goto(workflow.url);
			await page.getByTestId('canvas-node').first().waitFor({ timeout: 20000 });
			const sticky = page.getByTestId('sticky').first();
			await sticky.waitFor({ timeout: 10000 });
			await page.waitForTimeout(300);
			const fit = await sticky.evaluate((box) => {
				const content = [...box.querySelectorAll('*')].find((element) => element.querySelector('h2') && element.scrollHeight > 0) ?? box;
				return { box: box.clientHeight, content: content.scrollHeight, text: box.innerText };
			});
			assert.match(fit.text, /Opened with npm run editor/, `${workflow.file}: the note says what npm run editor set up`);
			assert.match(fit.text, /Imported by hand/, `${workflow.file}: the note says what to set up by hand`);
			assert.ok(fit.content <= fit.box + 1, `${workflow.file}: the note's text (${fit.content} px) is taller than the note (${fit.box} px)`);
		}
	});

	it('n8n logged no error or warning about the package', () => {
		// the n8n install's own path also contains "n8n-nodes-cbt": leave it out of the lines first
		const log = session.logs().split(session.home.install.cacheDir).join('<n8n cache>');
		const bad = log.split('\n').filter((line) => /n8n-nodes-cbt|cbtApi|\bCBT\b/i.test(line) && /error|warn|fail/i.test(line));
		assert.deepEqual(bad, []);
		assert.match(log, /Editor is now accessible/i);
	});
});
