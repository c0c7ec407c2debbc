/** The driver's options, progress and events (drive.ts). */
import type { RequestSpec } from '../scenario/types.js';
import type { ClientHooks, ClientOptions, HttpClient } from './client.js';
import type { ResolvedPhase } from './phases.js';
import type { Sample } from '../records/sample.js';

export interface DriveHttpOptions {
  /** Keep-alive sockets for open-model phases (closed phases use their own `connections`). */
  connections: number;
  /** Requests in flight at most; an arrival beyond it is dropped and counted. */
  maxInFlight: number;
  /** Whole-request timeout. */
  timeoutMs: number;
}

/** Opens a client of the engine's contract (client.ts) for each pool or lane the driver would open. */
export type SenderFactory = (options: ClientOptions, hooks: ClientHooks) => HttpClient;

export interface DriveOptions {
  /** Target base URL, path prefix included (e.g. `http://127.0.0.1:3000/dev`). Unused with `sender`. */
  baseUrl: string;
  /**
   * Sends through something other than the HTTP client (the direct-invoke sender, src/engine/invoke): the URL
   * checks and the preflight connect are skipped, and request paths get no base path. Default: the HTTP client.
   */
  sender?: SenderFactory;
  phases: readonly ResolvedPhase[];
  requests: readonly RequestSpec[];
  http: DriveHttpOptions;
  /** Called once per request, when it ends (response read to the end, or error). Must not throw. */
  onSample(sample: Sample): void;
  /** Aborting stops scheduling at once; in-flight requests get `graceMs` to finish. */
  signal?: AbortSignal;
  /** How long in-flight requests may finish after an abort. Default 2,000 ms. */
  graceMs?: number;
  /** Seed for Poisson arrivals and `{{randomInt}}`. Default: random. */
  seed?: number;
  /**
   * Local JIT warm-up before the first phase (see `warm-up.ts`); no request reaches the target. Default 1 s when
   * the run has an open phase with traffic, else 0. 0 turns it off.
   */
  warmUpMs?: number;
}

/** A progress snapshot, emitted every second (`tick`) and once at the end. Counts are cumulative. */
export interface DriveProgress {
  /** Since the first phase started. */
  elapsedMs: number;
  phaseIndex: number;
  phaseElapsedMs: number;
  scheduled: number;
  sent: number;
  completed: number;
  inFlight: number;
  dropped: number;
  lateSends: number;
  connectionWaits: number;
  /** Target rate now (open phases); undefined in closed phases. */
  targetRps: number | undefined;
}

export interface PhaseEvent {
  phaseIndex: number;
  /** Since the first phase started. */
  elapsedMs: number;
}

export interface DriverEvents {
  phaseStart: [PhaseEvent];
  /** Scheduling of the phase is over (its requests may still be in flight). */
  phaseEnd: [PhaseEvent];
  tick: [DriveProgress];
}
