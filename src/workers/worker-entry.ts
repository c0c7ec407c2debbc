/**
 * Main of a generator worker of `lambdaload run --workers N` (forked by spawn-worker.ts): runs shard i/N of the
 * scenario with `run()`, tells the parent when its target is up and waits for the common start, streams its progress
 * and sends its result (partial when aborted). It is forked in its own process group, so a terminal's Ctrl-C reaches
 * the parent only, which then asks every worker to abort; a worker whose parent went away (IPC disconnect) exits.
 */
import { toWireError } from '../emulator/child/wire-error.js';
import { run } from '../run/run.js';
import type { FromWorker, ToWorker, WorkerJob } from './protocol.js';

if (typeof process.send !== 'function') {
  process.stderr.write('lambdaload: src/workers/worker-entry is started by lambdaload run --workers (over IPC), not by hand\n');
  process.exit(1);
}

const controller = new AbortController();
let go: ((startAtMs: number) => void) | undefined;
const started = new Promise<number>((resolve) => (go = resolve));

function send(message: FromWorker): Promise<void> {
  return new Promise((resolve) => {
    // After a disconnect there is nobody to tell.
    if (!process.connected) return resolve();
    process.send!(message, () => resolve());
  });
}

async function runJob(job: WorkerJob): Promise<void> {
  try {
    const result = await run({
      file: job.file,
      cwd: job.cwd,
      shard: { index: job.index, count: job.count },
      signal: controller.signal,
      seed: job.seed,
      allowRemote: job.allowRemote,
      maxCostUsd: job.maxCostUsd,
      evidenceByCaller: true,
      ...(job.emulatorAt ? { emulatorAt: job.emulatorAt } : {}),
      startGate: async () => {
        await send({ type: 'ready' });
        return started;
      },
      onProgress: (progress) => void send({ type: 'progress', progress }),
    });
    await send({ type: 'result', result });
  } catch (error) {
    await send({ type: 'failed', error: toWireError(error) });
  }
  process.disconnect();
}

process.on('message', (raw) => {
  const message = raw as ToWorker;
  if (message.type === 'job') void runJob(message.job);
  else if (message.type === 'go') go?.(message.startAtMs);
  else if (message.type === 'abort') {
    controller.abort();
    // An abort before the start: the run stops at once (run() sees the signal when the wait ends).
    go?.(Date.now());
  }
});
// The parent is gone (killed, or quit on a second Ctrl-C): nobody wants this shard's result.
process.on('disconnect', () => process.exit(0));
