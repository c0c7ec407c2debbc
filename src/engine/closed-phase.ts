/**
 * Runs one closed-model phase: `connections` loops, each on its own socket, each sending the next request the
 * moment the previous one ends, until the phase's end time. Throughput is whatever the target allows; latency is
 * service time (a closed loop has no intended times).
 */
import { performance } from 'node:perf_hooks';
import { createClient, type ClientHooks, type ClientOptions, type HttpClient } from './client.js';
import type { PreparedRequest } from './request-plan.js';
import type { Sample } from '../records/sample.js';

export interface ClosedPhaseOptions {
  phaseIndex: number;
  origin: string;
  /** The client to open (drive.ts `sender`); default the HTTP client. */
  createClient?: (options: ClientOptions, hooks: ClientHooks) => HttpClient;
  connections: number;
  timeoutMs: number;
  /** `performance.now()` time after which no new request is sent. */
  endAtMs: number;
  nextRequest(): PreparedRequest;
  /** A request was handed to the client (count it as scheduled). */
  onDispatch(): void;
  /** A request reached its socket. */
  onSent(): void;
  /** A request is written once more (its keep-alive connection closed before an answer). */
  onRetry?(): void;
  onSample(sample: Sample): void;
}

export interface ClosedPhaseRun {
  readonly client: HttpClient;
  /** Resolves at the phase's end time, or on `stop`; requests still in flight then finish on their own. */
  readonly done: Promise<void>;
  stop(): void;
}

export function runClosedPhase(options: ClosedPhaseOptions): ClosedPhaseRun {
  const { phaseIndex, endAtMs } = options;
  let stopped = false;
  let finish!: () => void;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  let dispatching = false;
  const sendOne = (lane: number): void => {
    options.onDispatch();
    dispatching = true;
    client.send(options.nextRequest(), phaseIndex, 0, lane);
    dispatching = false;
  };
  const client = (options.createClient ?? createClient)(
    { origin: options.origin, connections: options.connections, lanes: options.connections, timeoutMs: options.timeoutMs, intendedIsSent: true },
    {
      onSent: options.onSent,
      ...(options.onRetry === undefined ? {} : { onRetry: options.onRetry }),
      onDone(sample, lane) {
        options.onSample(sample);
        if (stopped || sample.endedAtMs >= endAtMs) return;
        // A sample delivered from inside `send` (the client ends none there today) must not recurse into the next send.
        if (dispatching) setImmediate(() => !stopped && performance.now() < endAtMs && sendOne(lane));
        else sendOne(lane);
      },
    },
  );
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    clearTimeout(timer);
    finish();
  };
  const timer = setTimeout(stop, Math.max(endAtMs - performance.now(), 0));
  for (let lane = 0; lane < options.connections && !stopped; lane++) sendOne(lane);
  return { client, done, stop };
}
