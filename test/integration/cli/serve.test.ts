/**
 * `lambdaload serve <scenario>`: the emulator alone. It prints where it listens and its routes, answers requests
 * through real runtime processes, and on SIGTERM stops them all.
 */
import { EMULATOR_DEFAULTS } from '../../../src/facts/defaults.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, eventually, groupAlive, runCli, runtimeChildren, startCli, type CliProcess } from './helpers.js';

const DEFAULT_SPARE_RUNTIMES = EMULATOR_DEFAULTS.spareRuntimes.value;

let cli: CliProcess | undefined;

beforeAll(async () => {
  await ensureBuilt();
}, 150_000);

afterAll(() => {
  // Only if a failed assertion left it running.
  if (cli && cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill('SIGKILL');
});

describe('lambdaload serve', () => {
  it('listens on a free port, lists the routes, answers, and leaves no runtime process after SIGTERM', async () => {
    cli = startCli(['serve', 'test/fixtures/cli/emulator-hello.ts', '--port', '0']);
    const [, base] = await cli.waitForStdout(/^listening on (http:\/\/127\.0\.0\.1:\d+)$/m);
    // The list's last line: the pipe may hand the list over in several chunks.
    await cli.waitForStdout(/\(the RIE's path\)\n/);
    // HTTP API, $default stage: no stage prefix in the route URLs.
    expect(cli.stdout).toContain(`  GET    ${base}/hello  →  hello\n`);
    expect(cli.stdout).toContain(`  POST   ${base}/2015-03-31/functions/{name}/invocations  (Lambda Invoke API)\n`);
    // One function: the RIE's fixed path reaches it.
    expect(cli.stdout).toContain(`  POST   ${base}/2015-03-31/functions/function/invocations  →  hello  (the RIE's path)\n`);

    // Three requests at once: up to three environments, each a runtime process in its own process group.
    const responses = await Promise.all([1, 2, 3].map(() => fetch(`${base}/hello`)));
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('hello from hello /hello');
    }
    expect(responses.some((r) => r.headers.get('x-lambdaload-start')?.startsWith('cold'))).toBe(true);
    const invoke = await fetch(`${base}/2015-03-31/functions/hello/invocations`, { method: 'POST', body: JSON.stringify({ path: '/direct' }) });
    expect(invoke.status).toBe(200);
    expect(await invoke.json()).toMatchObject({ statusCode: 200, body: 'hello from hello /direct' });
    const rie = await fetch(`${base}/2015-03-31/functions/function/invocations`, { method: 'POST', body: JSON.stringify({ path: '/rie' }) });
    expect(await rie.json()).toMatchObject({ statusCode: 200, body: 'hello from hello /rie' });

    // Up to three environments, plus the spare runtime processes kept for the next cold starts.
    const runtimes = await runtimeChildren(cli.child.pid!);
    expect(runtimes.length).toBeGreaterThanOrEqual(1);
    expect(runtimes.length).toBeLessThanOrEqual(3 + DEFAULT_SPARE_RUNTIMES);
    for (const runtime of runtimes) expect(runtime.pgid).toBe(runtime.pid);
    // Function logs go to stderr, prefixed with the function name.
    expect(await eventually(() => /\[hello\] REPORT RequestId: /.test(cli!.stderr), 5_000)).toBe(true);

    cli.child.kill('SIGTERM');
    const ran = await cli.exited;
    expect(ran.code).toBe(0);
    expect(ran.stderr).toContain('stopping: shutting down runtime processes');
    for (const runtime of runtimes) expect(groupAlive(runtime.pgid)).toBe(false);
  }, 30_000);

  it('exit 2 for a scenario whose target is not the emulator', async () => {
    const ran = await runCli(['serve', 'test/fixtures/cli/url-target.ts', '--port', '0']);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain("target.type is 'url', serve needs an emulator target");
  });

  it('exit 4 when the port is taken, naming it', async () => {
    const first = startCli(['serve', 'test/fixtures/cli/emulator-hello.ts', '--port', '0', '--quiet']);
    try {
      const [, port] = await first.waitForStdout(/^listening on http:\/\/127\.0\.0\.1:(\d+)$/m);
      const ran = await runCli(['serve', 'test/fixtures/cli/emulator-hello.ts', '--port', port!]);
      expect(ran.code).toBe(4);
      expect(ran.stderr).toContain(`could not listen on 127.0.0.1:${port} (EADDRINUSE)`);
    } finally {
      first.child.kill('SIGTERM');
      await first.exited;
    }
  }, 30_000);
});
