/**
 * The IPC messages between `lambdaload run` (the parent, which drives the load) and the emulator child process
 * (which runs the API Gateway front, the Lambda service and every runtime process). Everything here is plain JSON:
 * Node's default IPC serialisation.
 */
import type { EmulatorTarget } from '../../scenario/types.js';
import type { GatewayStats } from '../gateway/gateway.js';
import type { InvocationTotals } from '../../measure/invocation-totals.js';
import type { LocalRuntime } from '../lambda/local-runtime.js';
import type { EnvironmentModel, FunctionConfig } from '../lambda/types.js';
import type { EmulatorRoute } from '../server.js';

export type EmulatorStats = { environments: number; busy: number; idle: number; spares: number; coldStarts: number; throttles: number };

/** A query the parent can ask any time after `started`; each maps to the value it answers with. */
export interface QueryResults {
  stats: EmulatorStats;
  totals: InvocationTotals;
  gatewayStats: GatewayStats;
}
export type QueryName = keyof QueryResults;

/** An error crossing the process boundary: enough to rebuild a `LambdaloadError` (or a plain Error) in the parent. */
export interface WireError {
  /** A LambdaloadError's code; absent for any other error. */
  code?: string;
  message: string;
  hint?: string;
  problems?: string[];
  stack?: string;
  /** The cause's message, when there was one (e.g. the failing listen or init). */
  causeMessage?: string;
}

export type ParentMessage =
  | { type: 'start'; target: EmulatorTarget; scenarioDir: string; region: string; forwardLogs: boolean }
  | { type: 'query'; id: number; query: QueryName }
  | { type: 'close' };

export type ChildMessage =
  | { type: 'started'; url: string; baseUrl: string; apiId: string; routes: EmulatorRoute[]; functions: FunctionConfig[]; localRuntimes: LocalRuntime[]; environmentModels: EnvironmentModel[] }
  | { type: 'startFailed'; error: WireError }
  | { type: 'answer'; id: number; value: unknown }
  | { type: 'queryFailed'; id: number; error: WireError }
  | { type: 'log'; functionName: string; line: string }
  /** A runtime process group started (`live`) or ended: the parent stops those still live if this process dies. */
  | { type: 'runtimeGroup'; pgid: number; live: boolean };
