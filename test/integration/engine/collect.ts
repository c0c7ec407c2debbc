/** Runs the engine against a test server and keeps every sample, for the engine's integration tests. */
import { createDriver, type DriveOptions, type DriveProgress, type PhaseEvent } from '../../../src/engine/drive.js';
import type { ResolvedPhase } from '../../../src/engine/phases.js';
import type { DriveSummary, Sample } from '../../../src/records/sample.js';
import type { RequestSpec } from '../../../src/scenario/types.js';

export interface Collected {
  summary: DriveSummary;
  samples: Sample[];
  phaseStarts: PhaseEvent[];
  ticks: DriveProgress[];
  /** Wall time of `run()`, ms. */
  runMs: number;
}

export interface CollectOptions extends Partial<Omit<DriveOptions, 'onSample' | 'http'>> {
  baseUrl: string;
  phases: ResolvedPhase[];
  http?: Partial<DriveOptions['http']>;
  /** Called after the sample is stored. */
  onSample?: (sample: Sample, index: number) => void;
}

export const GET_HELLO: RequestSpec[] = [{ path: '/hello' }];

/** Drives `options.phases` with defaults sized for tests (no JIT warm-up, 20 sockets, no cap, 5 s timeout). */
export async function collect(options: CollectOptions): Promise<Collected> {
  const samples: Sample[] = [];
  const phaseStarts: PhaseEvent[] = [];
  const ticks: DriveProgress[] = [];
  const driver = createDriver({
    requests: GET_HELLO,
    warmUpMs: 0,
    ...options,
    http: { connections: 20, maxInFlight: 10_000, timeoutMs: 5_000, ...options.http },
    onSample(sample) {
      samples.push(sample);
      options.onSample?.(sample, samples.length - 1);
    },
  });
  driver.on('phaseStart', (event) => phaseStarts.push(event));
  driver.on('tick', (progress) => ticks.push(progress));
  const startedAtMs = performance.now();
  const summary = await driver.run();
  return { summary, samples, phaseStarts, ticks, runMs: performance.now() - startedAtMs };
}

/** Samples sorted by intended time. */
export function byIntended(samples: readonly Sample[]): Sample[] {
  return [...samples].sort((a, b) => a.intendedAtMs - b.intendedAtMs);
}

export function countIn(values: readonly number[], fromMs: number, toMs: number): number {
  return values.filter((v) => v >= fromMs && v < toMs).length;
}

/** Gives back the event loop for `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A port nothing listens on: bound, then released. */
export async function closedPort(): Promise<number> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
