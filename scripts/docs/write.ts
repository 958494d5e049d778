/* eslint-disable @n8n/community-nodes/no-restricted-imports, no-console -- build tooling */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

import { generatedFiles, ROOT } from './generate';

for (const file of generatedFiles()) {
	const path = join(ROOT, file.path);
	const before = existsSync(path) ? readFileSync(path, 'utf8') : '';
	if (before !== file.content) {
		writeFileSync(path, file.content);
		console.log(`updated ${file.path}`);
	}
}
