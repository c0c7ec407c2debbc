/**
 * The memory sweep of a CPU-bound handler under `cpu: 'aws'` (the CPU share Lambda gives each memory size, through
 * control groups): one emulator with the same handler at each memory size, warm invocations through the Lambda
 * service, REPORT Duration per invocation. Also one invocation that allocates past its memory size.
 * Prints one JSON line. Usage: node bench/children/memory-sweep.js <targetMs at one vCPU> <repetitions> <sizes,...>
 */
import { pbkdf2Sync } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../../dist/emulator/server.js';

const BENCH_DIR = fileURLToPath(new URL('../', import.meta.url));
const [targetArg, repetitionsArg, sizesArg] = process.argv.slice(2);
const targetMs = Number(targetArg);
const repetitions = Number(repetitionsArg);
const sizes = sizesArg.split(',').map(Number);

// Iterations that take `targetMs` of one CPU here (measured in this process, unthrottled: one vCPU's worth).
const probe = 20_000;
pbkdf2Sync('x', 'y', probe, 32, 'sha256');
const startedMs = performance.now();
pbkdf2Sync('x', 'y', probe, 32, 'sha256');
const iterations = Math.round((probe * targetMs) / (performance.now() - startedMs));

const functions = Object.fromEntries(
  sizes.map((memoryMb) => [`cpu${memoryMb}`, { code: './functions/cpu', handler: 'index.handler', memoryMb, cpu: 'aws', timeout: '60s' }]),
);
functions.oom = { code: './functions/cpu', handler: 'index.allocate', memoryMb: 128, cpu: 'aws', timeout: '120s' };
const target = {
  type: 'emulator',
  api: { type: 'http' },
  functions,
  routes: [{ method: 'GET', path: '/x', function: `cpu${sizes[0]}` }],
  spareRuntimes: 0,
};
const emulator = await startEmulator(target, { scenarioDir: BENCH_DIR });
const payload = Buffer.from(JSON.stringify({ iterations }));
const bySize = [];
try {
  for (const memoryMb of sizes) {
    const name = `cpu${memoryMb}`;
    // The first invocation is a cold start and warms the JIT; the next one settles the environment.
    await emulator.lambda.invoke(name, payload);
    await emulator.lambda.invoke(name, payload);
    const durationsMs = [];
    const billedMs = [];
    for (let i = 0; i < repetitions; i++) {
      const { record } = await emulator.lambda.invoke(name, payload);
      if (record.outcome !== 'success') throw new Error(`${name}: invocation ended ${record.outcome}`);
      durationsMs.push(record.durationMs);
      billedMs.push(record.billedMs);
    }
    bySize.push({ memoryMb, durationsMs, billedMs });
  }
  const over = await emulator.lambda.invoke('oom', Buffer.from(JSON.stringify({ mb: 512 })));
  const after = await emulator.lambda.invoke('oom', Buffer.from(JSON.stringify({ mb: 8 })));
  const oom = {
    outcome: over.record.outcome,
    errorType: JSON.parse(over.payload.toString('utf8')).errorType,
    maxMemoryUsedMb: over.record.maxMemoryUsedMb,
    nextCold: after.record.cold,
    nextOutcome: after.record.outcome,
    freshEnvironment: after.record.environmentId !== over.record.environmentId,
  };
  const models = emulator.lambda.environmentModels();
  process.stdout.write(`${JSON.stringify({ iterations, targetMs, bySize, oom, models })}\n`);
} finally {
  await emulator.close();
}
