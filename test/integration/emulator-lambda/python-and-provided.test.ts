/**
 * The Python runtime (standard library bootstrap) and a custom runtime: the `provided` runtime runs the function's
 * own `bootstrap`, here the shell-and-curl custom runtime of AWS's custom runtime tutorial, a Runtime API client
 * nobody on this project wrote.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestService, event, fn, isAlive, json, REPORT_LINE, type TestService } from './helpers.js';

describe('Python and provided runtimes', () => {
  let t: TestService;
  const pids: number[] = [];

  beforeAll(async () => {
    t = createTestService([
      fn('py', 'python', 'app.handler', { runtime: 'python3.12' }),
      fn('py-fails', 'python', 'app.fails', { runtime: 'python3.12' }),
      fn('py-version', 'python', 'app.handler', { runtime: 'python3.12' }),
      fn('py-missing', 'python', 'app.nothing', { runtime: 'python3.12' }),
      fn('py-sleeps', 'python', 'app.sleeps', { runtime: 'python3.12', timeoutMs: 300 }),
      fn('tutorial', 'provided-bash', 'function.handler', { runtime: 'provided.al2023' }),
      fn('no-bootstrap', 'python', 'app.handler', { runtime: 'provided.al2' }),
    ]);
    await t.service.start();
  });

  afterAll(async () => {
    await t.service.close();
    expect(pids.filter(isAlive)).toEqual([]);
  });

  it("names the local python3's real version, from the interpreter that runs the functions", async () => {
    const local = execFileSync('python3', ['-c', "import sys; print('%d.%d.%d' % sys.version_info[:3])"], { encoding: 'utf8' }).trim();
    expect(t.service.localRuntimes()).toContainEqual({ function: 'py-version', runtime: 'python3.12', local: 'python3', localVersion: local });
    expect(t.service.localRuntimes()).toContainEqual({ function: 'tutorial', runtime: 'provided.al2023', local: 'bootstrap' });
    await t.service.invoke('py-version', event({}));
    expect(t.linesOf('py-version')).toContain(`INIT_START Runtime Version: python3.12 (local python3 ${local})`);
  });

  it('runs a Python handler cold, then warm, with the context Lambda gives', async () => {
    const first = await t.service.invoke('py', event({ a: 1 }));
    const second = await t.service.invoke('py', event({ a: 2 }));
    const body = json(first.payload);
    pids.push(body.pid);
    expect(body).toMatchObject({
      kind: 'python',
      event: { a: 1 },
      requestId: first.record.requestId,
      functionName: 'py',
      memoryLimitInMB: '128',
      arn: 'arn:aws:lambda:us-east-1:012345678912:function:py',
      region: 'us-east-1',
    });
    expect(body.remainingMs).toBeGreaterThan(2_000);
    expect(first.record).toMatchObject({ cold: true, outcome: 'success' });
    expect(second.record).toMatchObject({ cold: false, environmentId: first.record.environmentId });
    expect(json(second.payload).pid).toBe(body.pid);
    expect(first.record.maxMemoryUsedMb).toBeGreaterThan(5);

    const lines = t.linesOf('py');
    expect(lines).toContain('hello from python');
    expect(lines.some((l) => new RegExp(`^\\[INFO\\]\\t\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\\t${first.record.requestId}\\tlogged with the request id$`).test(l))).toBe(true);
    expect(lines.filter((l) => REPORT_LINE.test(l))).toHaveLength(2);
  });

  it('reports a Python exception as {errorMessage, errorType, requestId, stackTrace}', async () => {
    const { payload, record } = await t.service.invoke('py-fails', event({}));
    expect(record).toMatchObject({ outcome: 'function-error', functionError: 'Unhandled' });
    const body = json(payload);
    expect(body).toMatchObject({ errorMessage: 'python boom', errorType: 'ValueError', requestId: record.requestId });
    expect(body.stackTrace.some((frame: string) => frame.includes('app.py'))).toBe(true);
    expect(t.linesOf('py-fails').some((l) => l.startsWith('[ERROR] ValueError: python boom'))).toBe(true);
  });

  it('fails init with Runtime.HandlerNotFound for a missing Python handler', async () => {
    const { payload, record } = await t.service.invoke('py-missing', event({}));
    expect(record.outcome).toBe('init-error');
    expect(json(payload)).toMatchObject({ errorType: 'Runtime.HandlerNotFound', errorMessage: "Handler 'nothing' missing on module 'app'" });
  });

  it('times out a Python handler', async () => {
    const { payload, record } = await t.service.invoke('py-sleeps', event({ seconds: 5 }));
    expect(record.outcome).toBe('timeout');
    expect(json(payload).errorMessage).toMatch(/Task timed out after 0\.30 seconds$/);
  });

  it("serves AWS's tutorial custom runtime (bash + curl) through the provided runtime", async () => {
    const first = await t.service.invoke('tutorial', event({ hello: 'bash' }));
    expect(first.payload.toString('utf8')).toBe(`Echoing request: '{"hello":"bash"}'`);
    expect(first.record).toMatchObject({ cold: true, outcome: 'success' });
    const second = await t.service.invoke('tutorial', event({ n: 2 }));
    expect(second.payload.toString('utf8')).toBe(`Echoing request: '{"n":2}'`);
    expect(second.record).toMatchObject({ cold: false, environmentId: first.record.environmentId });
    // Lambda writes its START / END / REPORT around a custom runtime too.
    expect(t.linesOf('tutorial').filter((l) => REPORT_LINE.test(l))).toHaveLength(2);
  });

  it('fails a provided function without an executable bootstrap', async () => {
    const { payload, record } = await t.service.invoke('no-bootstrap', event({}));
    expect(record.outcome).toBe('init-error');
    const body = json(payload);
    expect(body.errorType).toBe('Runtime.ExitError');
    expect(body.errorMessage).toMatch(/Couldn't find valid bootstrap\(s\): \[.*python\/bootstrap\]$/);
  });
});

describe('boto3 in a Python function', () => {
  // AWS's Python runtimes include boto3; lambdaload's has what the local python3 has (README: What functions find).
  const hasBoto3 = (() => {
    try {
      execFileSync('python3', ['-c', 'import boto3'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  it(hasBoto3 ? 'a client created with no arguments points at the emulator' : 'is missing here: importing it is Runtime.ImportModuleError', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lambdaload-boto3-'));
    writeFileSync(
      path.join(dir, 'app.py'),
      'import boto3\n\ndef handler(event, context):\n    client = boto3.client("lambda")\n    return {"endpoint": client.meta.endpoint_url, "region": client.meta.region_name}\n',
    );
    const t = createTestService([fn('boto', 'python', 'app.handler', { runtime: 'python3.12', codeDir: dir })], { invokeEndpointUrl: 'http://127.0.0.1:9', region: 'eu-west-3' });
    try {
      const result = await t.service.invoke('boto', event({}));
      if (hasBoto3) expect(json(result.payload)).toEqual({ endpoint: 'http://127.0.0.1:9', region: 'eu-west-3' });
      else {
        expect(json(result.payload)).toMatchObject({ errorType: 'Runtime.ImportModuleError' });
        expect(json(result.payload).errorMessage).toBe("Unable to import module 'app': No module named 'boto3'");
      }
    } finally {
      await t.service.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
