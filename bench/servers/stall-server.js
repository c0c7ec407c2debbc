/**
 * The coordinated-omission target: answers "ok" at once, except that it stalls for `stallMs` at the start of every
 * `periodMs` cycle (default 1 s every 5 s). A request that arrives during a stall is held and answered when the
 * stall ends, as a server frozen by a GC pause or a lock would answer it. Holding (instead of blocking the event
 * loop with a busy wait) keeps a core free for the generator on a 2-core machine and makes the stall exact.
 * Cycles count from when the server starts listening; the analytic distribution does not depend on that phase
 * (see bench/benchmarks/co.js). Prints `listening on http://127.0.0.1:PORT` once it listens.
 * Usage: node bench/servers/stall-server.js [periodMs] [stallMs]
 */
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { listenForBench } from './listen.js';

const periodMs = Number(process.argv[2] ?? 5_000);
const stallMs = Number(process.argv[3] ?? 1_000);
const BODY = Buffer.from('ok');
let originMs = 0;
/** Responses waiting for the current stall to end. */
let held = [];

function answer(res) {
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': BODY.length });
  res.end(BODY);
}

/** Offset into the current cycle, ms. */
function cycleOffsetMs() {
  return (performance.now() - originMs) % periodMs;
}

/** Releases what was held when the stall ends, then re-arms for the end of the next cycle's stall. */
function armRelease() {
  const elapsedMs = performance.now() - originMs;
  const cycle = Math.floor(elapsedMs / periodMs);
  let releaseAtMs = cycle * periodMs + stallMs;
  if (releaseAtMs <= elapsedMs) releaseAtMs += periodMs;
  setTimeout(() => {
    const waiting = held;
    held = [];
    for (const res of waiting) answer(res);
    armRelease();
  }, releaseAtMs - elapsedMs);
}

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    // A request still counts as stalled until the release timer has run, even if the timer fires a little late.
    if (cycleOffsetMs() < stallMs || held.length > 0) held.push(res);
    else answer(res);
  });
});
// A stall makes the generator open up to RATE × stall new sockets at once: the backlog in listen.js matters here.
listenForBench(server, 0, () => {
  originMs = performance.now();
  armRelease();
});
