#!/usr/bin/env node
/**
 * Generates schema/result.schema.json from the result contract's TypeScript types (src/result/types.ts, `RunResult`),
 * so the types stay the one source of the shape. `npm run schema` writes it; `--check` exits 1 when the committed
 * file differs (test/unit/result/schema.test.ts runs the same comparison).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}schema/result.schema.json`;

export function generateResultSchema() {
  const schema = createGenerator({
    path: `${root}src/result/types.ts`,
    tsconfig: `${root}tsconfig.json`,
    type: 'RunResult',
    expose: 'export',
    topRef: true,
    additionalProperties: false,
    skipTypeCheck: true,
  }).createSchema('RunResult');
  schema.title = 'lambdaload run result';
  return `${JSON.stringify(schema, null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = generateResultSchema();
  if (process.argv.includes('--check')) {
    const committed = readFileSync(out, 'utf8');
    if (committed !== text) {
      console.error('schema/result.schema.json is out of date with src/result/*.ts: run `npm run schema`');
      process.exit(1);
    }
  } else {
    writeFileSync(out, text);
    console.log(`wrote ${out}`);
  }
}
