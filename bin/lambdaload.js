#!/usr/bin/env node
// The `lambdaload` command: runs the compiled CLI from dist/ (built by `npm run build`, which `npm ci` runs).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write('✗ lambdaload is not built: dist/cli/main.js is missing\n  hint: run `npm run build` (npm ci does it for you)\n');
  process.exit(1);
}
await import(main.href);
