/**
 * The AWS SDK for JavaScript v3 as AWS's Node.js runtimes provide it: functions in a folder outside the repository
 * (no node_modules, no install step) import or require `@aws-sdk/client-lambda` and call another function through
 * the emulator's Invoke API with a client created with no arguments. A function that ships its own copy gets its own;
 * a client lambdaload does not ship fails as a missing package does on AWS.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleInvokeRequest } from '../../../src/emulator/lambda/invoke-api.js';
import { EMULATOR_CREDENTIALS } from '../../../src/emulator/lambda/runtime-launch.js';
import { createTestService, event, fn, json, type TestService } from './helpers.js';

/** What each caller reports: the client's own region and credentials, and the callee's answer. */
const CALL = `
  const out = await client.send(new InvokeCommand({ FunctionName: 'callee', Payload: JSON.stringify({ from: KIND }) }));
  const credentials = await client.config.credentials();
  return {
    region: await client.config.region(),
    accessKeyId: credentials.accessKeyId,
    functionError: out.FunctionError ?? null,
    callee: JSON.parse(Buffer.from(out.Payload).toString('utf8')),
  };`;

const FILES: Record<string, string> = {
  'callee/index.mjs': `export const handler = async (event) => ({ calleeGot: event });`,
  // ESM, the SDK imported by a module the handler imports (the whole graph is retried on older Node).
  'esm/client.mjs': `import { LambdaClient, InvokeCommand } from '@aws-sdk/client-lambda';\nexport { InvokeCommand };\nexport const client = new LambdaClient({});`,
  'esm/index.mjs': `import { client, InvokeCommand } from './client.mjs';\nconst KIND = 'esm';\nexport const handler = async () => {${CALL}\n};`,
  // ESM in a `.js` file of a `"type": "module"` package.
  'esm-js/package.json': `{ "type": "module" }`,
  'esm-js/index.js': `import { LambdaClient, InvokeCommand } from '@aws-sdk/client-lambda';\nconst client = new LambdaClient({});\nconst KIND = 'esm-js';\nexport const handler = async () => {${CALL}\n};`,
  'cjs/index.js': `const { LambdaClient, InvokeCommand } = require('@aws-sdk/client-lambda');\nconst client = new LambdaClient({});\nconst KIND = 'cjs';\nexports.handler = async () => {${CALL}\n};`,
  // Its own (fake) copy in its node_modules: normal resolution finds it first.
  'own/node_modules/@aws-sdk/client-lambda/package.json': `{ "name": "@aws-sdk/client-lambda", "version": "0.0.0-own", "main": "index.js" }`,
  'own/node_modules/@aws-sdk/client-lambda/index.js': `exports.LambdaClient = class OwnLambdaClient {};`,
  'own/index.mjs': `import { LambdaClient } from '@aws-sdk/client-lambda';\nexport const handler = async () => ({ client: LambdaClient.name });`,
  // A client lambdaload does not ship.
  's3/index.mjs': `import { S3Client } from '@aws-sdk/client-s3';\nexport const handler = async () => typeof S3Client;`,
  's3-cjs/index.js': `const { S3Client } = require('@aws-sdk/client-s3');\nexports.handler = async () => typeof S3Client;`,
};

describe('the AWS SDK for functions that do not ship it', () => {
  let dir: string;
  let t: TestService;
  let server: Server;

  beforeAll(async () => {
    // Outside the repository: normal resolution cannot reach lambdaload's node_modules from here.
    dir = mkdtempSync(path.join(os.tmpdir(), 'lambdaload-sdk-'));
    for (const [file, text] of Object.entries(FILES)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    server = createServer((req, res) => {
      handleInvokeRequest(req, res, t.service).then((handled) => {
        if (!handled) res.writeHead(418).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const at = (name: string, handler = 'index.handler') => fn(name, 'node-esm', handler, { codeDir: path.join(dir, name), timeoutMs: 20_000 });
    t = createTestService([at('callee'), at('esm'), at('esm-js'), at('cjs'), at('own'), at('s3'), at('s3-cjs')], {
      invokeEndpointUrl: url,
      region: 'eu-west-3',
    });
    await t.service.start();
  }, 60_000);

  afterAll(async () => {
    await t?.service.close();
    await new Promise((resolve) => server?.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(['esm', 'esm-js', 'cjs'])('%s: a client created with no arguments reaches the emulator with its credentials and AWS_REGION', async (kind) => {
    const result = await t.service.invoke(kind, event({}));
    expect(result.record.outcome, result.payload.toString()).toBe('success');
    expect(json(result.payload)).toEqual({
      region: 'eu-west-3',
      accessKeyId: EMULATOR_CREDENTIALS.accessKeyId,
      functionError: null,
      // The callee ran in the emulator: the call went to AWS_ENDPOINT_URL_LAMBDA, not to an AWS endpoint.
      callee: { calleeGot: { from: kind } },
    });
  }, 60_000);

  it("gives a function that ships its own copy that copy", async () => {
    const result = await t.service.invoke('own', event({}));
    expect(json(result.payload)).toEqual({ client: 'OwnLambdaClient' });
  }, 60_000);

  it.each([
    ['s3', "Error: Cannot find package '@aws-sdk/client-s3' imported from "],
    ['s3-cjs', "Error: Cannot find module '@aws-sdk/client-s3'"],
  ])('%s: a client lambdaload does not ship is Runtime.ImportModuleError naming the function’s file', async (name, message) => {
    const result = await t.service.invoke(name, event({}));
    expect(result.record.functionError).toBe('Unhandled');
    const error = json(result.payload);
    expect(error.errorType).toBe('Runtime.ImportModuleError');
    expect(error.errorMessage).toContain(message);
    expect(error.errorMessage).toContain(path.join(dir, name));
    // Not the re-keyed URL of the retry (sdk-fallback-hooks.mjs), nor lambdaload's folder.
    expect(error.errorMessage).not.toContain('?lambdaload-sdk');
    expect(error.errorMessage).not.toContain('node_modules');
  }, 60_000);
});
