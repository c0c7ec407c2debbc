/**
 * Drives a run: checks the target is reachable, plays the phases in order (open phases on their schedule, closed
 * phases as connection loops), hands every finished request to `onSample`, emits progress, and returns the
 * scheduler's own health. It never prints and never classifies.
 *
 * Timing contract (see `types.ts`): every open-model request has an intended time from the schedule, set before
 * it is sent, so latency can be taken from it (end − intended) and not from the actual send. The summary counts drops
 * at the in-flight cap and splits the delay before a send in two: late sends (the scheduler handed the request to the
 * client late) and connection waits (the request queued in the pool for a free connection).
 */
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { LambdaloadError } from '../errors.js';
import { createClient, type HttpClient } from './client.js';
import { runClosedPhase } from './closed-phase.js';
import { DriveCounters } from './counters.js';
import { runOpenPhase } from './open-phase.js';
import type { ResolvedPhase } from './phases.js';
import { checkReachable } from './preflight.js';
import { warmUp } from './warm-up.js';
import { startGeneratorMeter } from './generator-meter.js';
import { createThreadWaker, createTimerWaker, type Waker } from './waker.js';
import { deriveSeed, randomSeed } from './random.js';
import { findRefusedRequests } from './request-check.js';
import { createRequestPlan, type RequestPlan } from './request-plan.js';
import { createPhaseSchedule, type PhaseSchedule } from './schedule.js';
import type { DriveSummary, Sample } from '../records/sample.js';
import type { DriveOptions, DriveProgress, DriverEvents, SenderFactory } from './drive-types.js';

export type { DriveHttpOptions, DriveOptions, DriveProgress, DriverEvents, PhaseEvent, SenderFactory } from './drive-types.js';

export const DEFAULT_GRACE_MS = 2_000;
export const DEFAULT_WARM_UP_MS = 1_000;
/** The preflight TCP connect waits at most this long (or the request timeout, if shorter). */
const PREFLIGHT_TIMEOUT_MS = 10_000;
const TICK_MS = 1_000;

export class Driver extends EventEmitter<DriverEvents> {
  private readonly counters = new DriveCounters();
  private readonly url: URL | undefined;
  private readonly createClient: SenderFactory;
  private readonly plan: RequestPlan;
  private readonly seed: number;
  private openClient: HttpClient | undefined;
  private waker: Waker | undefined;
  private readonly closedClients: HttpClient[] = [];
  private inFlight = 0;
  private seq = 0;
  private started = false;
  private stopped = false;
  private stopPhase: (() => void) | undefined;
  private onDrained: (() => void) | undefined;
  private onStopped: (() => void) | undefined;
  private sampleError: unknown;
  private firstPhaseAtMs = 0;
  private phase: { index: number; startAtMs: number; schedule: PhaseSchedule | undefined } = { index: 0, startAtMs: 0, schedule: undefined };

  constructor(private readonly options: DriveOptions) {
    super();
    this.createClient = options.sender ?? createClient;
    this.seed = options.seed ?? randomSeed();
    if (options.sender) {
      this.plan = createRequestPlan(options.requests, { basePath: '', seed: deriveSeed(this.seed, -1) });
      return;
    }
    try {
      this.url = new URL(options.baseUrl);
    } catch (cause) {
      throw new LambdaloadError('SCENARIO_INVALID', `Invalid target URL: ${options.baseUrl}`, {
        hint: 'Use an absolute http:// or https:// URL, e.g. https://abc.execute-api.eu-west-1.amazonaws.com/prod',
        cause,
      });
    }
    if (this.url.protocol !== 'http:' && this.url.protocol !== 'https:') {
      throw new LambdaloadError('SCENARIO_INVALID', `Invalid target URL: ${options.baseUrl} (only http and https)`);
    }
    this.plan = createRequestPlan(options.requests, { basePath: this.url.pathname, seed: deriveSeed(this.seed, -1) });
    const refused = findRefusedRequests(this.url.origin, options.requests, this.url.pathname);
    if (refused.length > 0) {
      const names = refused.map((r) => `"${r.name}"`).join(', ');
      throw new LambdaloadError('SCENARIO_INVALID', `The HTTP client refuses to send ${refused.length === 1 ? 'request' : 'requests'} ${names} as written`, {
        hint: 'Percent-encode spaces and other special characters in paths (e.g. %20); remove CR/LF from header values and the headers HTTP/1.1 clients manage (connection other than keep-alive/close, expect, keep-alive, transfer-encoding, upgrade).',
        problems: refused.map((r) => `"${r.name}": ${r.reason}`),
      });
    }
  }

  /** Plays every phase; resolves with the summary (also after an abort), rejects with TARGET_UNREACHABLE. */
  async run(): Promise<DriveSummary> {
    if (this.started) throw new Error('a Driver runs once; create another one');
    this.started = true;
    const { signal } = this.options;
    const onAbort = (): void => this.stop();
    signal?.addEventListener('abort', onAbort, { once: true });
    let ticker: NodeJS.Timeout | undefined;
    try {
      if (signal?.aborted) return this.counters.summary(true);
      if (this.url) await checkReachable(this.url, Math.min(this.options.http.timeoutMs, PREFLIGHT_TIMEOUT_MS));
      if (this.stopped) return this.counters.summary(true);
      // The warm-up exercises the HTTP client; a sender's path (the AWS SDK) cannot be warmed without the target.
      const warmable = !this.options.sender && this.options.phases.some((p) => p.type !== 'closed' && p.type !== 'pause');
      const warmUpMs = this.options.warmUpMs ?? (warmable ? DEFAULT_WARM_UP_MS : 0);
      if (warmUpMs > 0) {
        const warm = warmUp(this.options.requests, warmUpMs);
        this.stopPhase = warm.stop;
        await warm.done;
        this.stopPhase = undefined;
        if (this.stopped) return this.counters.summary(true);
      }
      if (this.options.phases.some((p) => p.type !== 'closed')) {
        // Without the helper thread (none could start), sends are up to a millisecond or so later: still measured.
        this.waker = await createThreadWaker().catch(() => createTimerWaker());
        // Sockets open before the clock starts, as wrk does, so the first arrivals do not wait for connects.
        this.openClient = this.createOpenClient();
        await this.openClient.preconnect(this.options.http.connections);
        if (this.stopped) return this.counters.summary(true);
      }

      const meter = startGeneratorMeter();
      this.firstPhaseAtMs = performance.now();
      ticker = setInterval(() => this.emit('tick', this.progress()), TICK_MS);
      let offsetMs = 0;
      for (let i = 0; i < this.options.phases.length && !this.stopped; i++) {
        const phase = this.options.phases[i];
        const startAtMs = this.firstPhaseAtMs + offsetMs;
        offsetMs += phase.durationMs;
        await this.runPhase(i, phase, startAtMs);
      }
      await this.drain();
      const generator = meter.read();
      clearInterval(ticker);
      this.emit('tick', this.progress());
      if (this.sampleError !== undefined) throw this.sampleError;
      return { ...this.counters.summary(signal?.aborted ?? false), generator };
    } finally {
      clearInterval(ticker);
      signal?.removeEventListener('abort', onAbort);
      this.stopped = true;
      await Promise.all([this.openClient, ...this.closedClients].map((client) => client?.close()));
      await this.waker?.close();
    }
  }

  private async runPhase(index: number, phase: ResolvedPhase, startAtMs: number): Promise<void> {
    const schedule = phase.type === 'closed' ? undefined : createPhaseSchedule(phase, { seed: deriveSeed(this.seed, index) });
    this.phase = { index, startAtMs, schedule };
    this.emit('phaseStart', { phaseIndex: index, elapsedMs: performance.now() - this.firstPhaseAtMs });
    if (phase.type === 'closed') {
      const run = runClosedPhase({
        phaseIndex: index,
        origin: this.origin,
        createClient: this.createClient,
        connections: phase.connections,
        timeoutMs: this.options.http.timeoutMs,
        endAtMs: startAtMs + phase.durationMs,
        nextRequest: () => this.plan.next(this.seq++),
        onDispatch: () => {
          this.counters.scheduled++;
          this.counters.noteInFlight(++this.inFlight);
        },
        onSent: () => this.counters.recordClosedSend(),
        onRetry: () => this.counters.retries++,
        onSample: (sample) => this.deliver(sample),
      });
      this.closedClients.push(run.client);
      this.setPhaseStop(run.stop);
      await run.done;
    } else if (schedule !== undefined) {
      const client = (this.openClient ??= this.createOpenClient());
      const { maxInFlight } = this.options.http;
      const run = runOpenPhase(schedule, startAtMs, (intendedAtMs) => {
        this.counters.scheduled++;
        if (this.inFlight >= maxInFlight) {
          this.counters.dropped++;
          return;
        }
        this.counters.noteInFlight(++this.inFlight);
        client.send(this.plan.next(this.seq++), index, intendedAtMs);
      }, this.waker);
      this.setPhaseStop(run.stop);
      await run.done;
    }
    this.stopPhase = undefined;
    this.emit('phaseEnd', { phaseIndex: index, elapsedMs: performance.now() - this.firstPhaseAtMs });
  }

  /**
   * A phase sends its first due requests before it hands back its stop function, and a sample could be delivered
   * synchronously there (a consumer's `onSample` may stop the run from the first sample); a stop requested then must
   * still stop the phase.
   */
  private setPhaseStop(stop: () => void): void {
    this.stopPhase = stop;
    if (this.stopped) stop();
  }

  private createOpenClient(): HttpClient {
    const { connections, timeoutMs } = this.options.http;
    return this.createClient(
      { origin: this.origin, connections, timeoutMs },
      {
        onSent: (intendedAtMs, handedAtMs, sentAtMs) => this.counters.recordOpenSend(intendedAtMs, handedAtMs, sentAtMs),
        onDone: (sample) => this.deliver(sample),
        onRetry: () => this.counters.retries++,
      },
    );
  }

  private get origin(): string {
    return this.url?.origin ?? '';
  }

  private deliver(sample: Sample): void {
    this.inFlight--;
    this.counters.completed++;
    try {
      this.options.onSample(sample);
    } catch (error) {
      // A consumer bug must not be lost inside the client's socket callbacks: stop the run and reject with it.
      this.sampleError ??= error;
      this.stop();
    }
    if (this.inFlight === 0) this.onDrained?.();
  }

  /** Stops scheduling now (abort). */
  private stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.stopPhase?.();
    this.onStopped?.();
  }

  /** Waits for in-flight requests: all of them normally, at most `graceMs` after an abort (the rest end as ABORTED). */
  private async drain(): Promise<void> {
    if (this.inFlight > 0) {
      const drained = new Promise<void>((resolve) => {
        this.onDrained = resolve;
      });
      if (!this.stopped) {
        // An abort while the last requests drain starts their grace period then, not at the next response.
        const stopped = new Promise<void>((resolve) => {
          this.onStopped = resolve;
        });
        await Promise.race([drained, stopped]);
        this.onStopped = undefined;
      }
      if (this.stopped && this.inFlight > 0) {
        let timer: NodeJS.Timeout | undefined;
        const grace = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, this.options.graceMs ?? DEFAULT_GRACE_MS);
        });
        await Promise.race([drained, grace]);
        clearTimeout(timer);
      }
      this.onDrained = undefined;
    }
    for (const client of [this.openClient, ...this.closedClients]) client?.failAll('ABORTED');
  }

  /** The current progress snapshot. */
  progress(): DriveProgress {
    const nowMs = performance.now();
    const phaseElapsedMs = Math.max(nowMs - this.phase.startAtMs, 0);
    const c = this.counters;
    return {
      elapsedMs: this.firstPhaseAtMs === 0 ? 0 : nowMs - this.firstPhaseAtMs,
      phaseIndex: this.phase.index,
      phaseElapsedMs,
      scheduled: c.scheduled,
      sent: c.sent,
      completed: c.completed,
      inFlight: this.inFlight,
      dropped: c.dropped,
      lateSends: c.lateSends,
      connectionWaits: c.connectionWaits,
      targetRps: this.phase.schedule?.targetRpsAt(phaseElapsedMs),
    };
  }
}

/** A driver to subscribe to (`phaseStart`, `phaseEnd`, `tick`) before calling `run()`. */
export function createDriver(options: DriveOptions): Driver {
  return new Driver(options);
}

/** Runs the load with no progress listener. */
export function drive(options: DriveOptions): Promise<DriveSummary> {
  return createDriver(options).run();
}
