/**
 * Nightly results for the trend tests: the saved hello result with warm latencies drawn here from known samples
 * (a fixed pseudo-random sequence), so `compare` flags exactly the night that got slower.
 */
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createHistogram, encodeHistogram, recordUs } from '../../../src/measure/histogram.js';
import { summarizeHistogram } from '../../../src/measure/stats.js';
import type { RunResult } from '../../../src/result/types.js';

const base = JSON.parse(readFileSync(new URL('../../fixtures/results/hello.json', import.meta.url), 'utf8')) as RunResult;

export function night(day: number, baseMs: number, over: { name?: string } = {}): RunResult {
  let s = day * 7919 + 1;
  const random = () => ((s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const h = createHistogram();
  for (let i = 0; i < 2_000; i++) recordUs(h, (baseMs - 2 * Math.log(1 - random())) * 1000);
  const startedAt = new Date(Date.UTC(2026, 10, day, 2, 0, 0)).toISOString();
  return {
    ...base,
    scenario: { ...base.scenario, name: over.name ?? base.scenario.name },
    timing: { ...base.timing, startedAt },
    // The stored percentiles agree with the histograms, as in a real result.
    latency: { ...base.latency, overall: { ...base.latency.overall, warm: summarizeHistogram(h) } },
    histograms: [{ metric: 'latency', key: { phase: 'steady', request: 'GET /hello', start: 'warm', statusClass: '2xx' }, stats: summarizeHistogram(h), encoded: encodeHistogram(h) }],
  };
}

/** Writes results as `<name>.json` files in `dir`. */
export async function writeNights(dir: string, nights: Record<string, RunResult>): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, result] of Object.entries(nights)) await writeFile(path.join(dir, `${name}.json`), JSON.stringify(result));
}
