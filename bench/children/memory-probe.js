/**
 * The generator process of the memory benchmark: runs a whole lambdaload run in this process (`run()` from dist/,
 * the same path as `lambdaload run`: engine, recorder, traffic shape) against a URL, and samples this process's own
 * RSS every second. Prints one JSON line: { samples: [{ atS, rssBytes, heapUsedBytes, ... }], result: { ...summary } }.
 * Usage: node bench/children/memory-probe.js <url> <rate> <durationMs>
 */
import { performance } from 'node:perf_hooks';
import { run } from '../../dist/run/run.js';

const [url, rateArg, durationArg] = process.argv.slice(2);
const rate = Number(rateArg);
const durationMs = Number(durationArg);
const SAMPLE_MS = 1_000;

const samples = [];
let t0Ms;
const sample = () => {
  const m = process.memoryUsage();
  samples.push({
    atS: t0Ms === undefined ? 0 : (performance.now() - t0Ms) / 1000,
    rssBytes: m.rss,
    heapUsedBytes: m.heapUsed,
    heapTotalBytes: m.heapTotal,
    externalBytes: m.external,
    duringRun,
  });
};
let timer;
/** False for the sample taken after `run()` returned (result building, histogram encoding): not part of the run. */
let duringRun = true;

const result = await run({
  scenario: {
    name: 'bench-memory',
    target: { type: 'url', url },
    phases: [{ name: 'constant', type: 'constant', duration: durationMs, rate }],
    requests: [{ path: '/' }],
  },
  onProgress: (progress) => {
    // Progress ticks come every second once the phases run: sampling starts with the first, on the phases' clock.
    if (t0Ms === undefined) {
      t0Ms = performance.now() - progress.elapsedMs;
      sample();
      timer = setInterval(sample, SAMPLE_MS);
    }
  },
});
clearInterval(timer);
duringRun = false;
sample();
process.stdout.write(
  `${JSON.stringify({
    samples,
    result: { engine: result.engine, requests: result.requests, latency: result.latency.overall.all, status: result.status },
  })}\n`,
);
