/**
 * One plan simulation in its own process, as `lambdaload plan --no-recommendations` runs it (load, resolve,
 * simulate, summarise, price), timed inside the process; prints its figures as one JSON line, with the process's
 * peak resident memory (getrusage maxrss) after it.
 */
import { loadPlan, planCapacity } from '../../dist/index.js';

const file = process.argv[2];
const loaded = await loadPlan(file);
const startedMs = performance.now();
const result = planCapacity(loaded, { file, recommendations: false });
const simulateMs = performance.now() - startedMs;
process.stdout.write(
  `${JSON.stringify({ simulateMs, arrivals: result.arrivals, coldStarts: result.coldStarts, peakConcurrency: result.peakConcurrency, durationS: result.durationS, maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`,
);
