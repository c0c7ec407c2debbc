/**
 * JIT warm-up of the generator before an open-model run. Until V8 has optimised the engine's client and send path,
 * a fresh process sends far slower than it will a second later, so the first second of a cold run would send late
 * (measured figures: bench/README.md, "JIT warm-up"). So, before the first phase, the same send path (request plan,
 * client, connections, parser) runs a closed loop against a throwaway `node:http` server inside this process on
 * 127.0.0.1. No request reaches the target.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { RequestSpec } from '../scenario/types.js';
import { START_HEADER_NAME } from '../evidence/start-header.js';
import { createClient } from './client.js';
import { createRequestPlan } from './request-plan.js';

/** Requests kept in flight by the warm-up loop: enough to exercise the pool, few enough to keep the process light. */
const WARM_UP_LOOPS = 8;

export interface WarmUp {
  readonly done: Promise<void>;
  /** Ends the warm-up early (abort). */
  stop(): void;
}

/** Sends the scenario's requests to a local throwaway server for `durationMs`, then closes everything. */
export function warmUp(requests: readonly RequestSpec[], durationMs: number): WarmUp {
  let stopClient: (() => void) | undefined;
  let stopped = false;
  const done = (async () => {
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        // The same response headers a gateway response carries, so header handling is warmed too.
        res.writeHead(200, { 'content-type': 'text/plain', [START_HEADER_NAME]: 'warm; env=warm-up', 'x-amzn-requestid': 'warm-up' });
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      if (stopped) return;
      const plan = createRequestPlan(requests, { seed: 1 });
      let seq = 0;
      const endAtMs = performance.now() + durationMs;
      await new Promise<void>((resolve) => {
        // The open model's layout (a pool, any free socket), driven as a closed loop of WARM_UP_LOOPS requests.
        const client = createClient(
          { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connections: WARM_UP_LOOPS, timeoutMs: Math.max(durationMs, 1_000) },
          {
            onSent() {},
            onDone(sample) {
              // Best effort: any error ends the warm-up (so a failing request cannot loop).
              if (!stopped && sample.errorCode === undefined && sample.endedAtMs < endAtMs) client.send(plan.next(seq++), 0, sample.endedAtMs);
              else if (client.inFlight === 0) client.close().then(resolve, resolve);
            },
          },
        );
        stopClient = () => client.failAll('ABORTED');
        for (let i = 0; i < WARM_UP_LOOPS; i++) client.send(plan.next(seq++), 0, performance.now());
      });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  })();
  return {
    done,
    stop() {
      stopped = true;
      stopClient?.();
    },
  };
}
