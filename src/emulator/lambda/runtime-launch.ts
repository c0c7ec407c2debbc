/**
 * How one execution environment's runtime process is started: the command, its arguments and the environment
 * variables Lambda sets (aws-facts §7.2). Pure: paths and ids come in as arguments.
 *
 * - `nodejs*`: the Node.js running lambdaload runs `runtimes/node/bootstrap.mjs`, with the heap flags AWS's Node.js
 *   bootstrap derives from the memory size (`/var/runtime/bootstrap`, as reproduced in AWS's Apache-2.0 samples:
 *   new space = memory/10, semi space = new/2, old space = memory − new space), so V8 fails near the memory size
 *   as it does on Lambda.
 * - `python*`: the local Python 3 runs `runtimes/python/bootstrap.py`, unbuffered so log lines arrive in order.
 * - `provided.*`: the function's own executable `bootstrap` (a custom runtime, or AWS's `aws-lambda-ric`).
 * The runtime name selects the kind of runtime; the local interpreter's version is what runs.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FunctionConfig } from './types.js';

/** `runtimes/` at the package root: three levels above both `src/emulator/lambda/` and `dist/emulator/lambda/`. */
export const RUNTIMES_DIR = fileURLToPath(new URL('../../../runtimes/', import.meta.url));

export type RuntimeKind = 'node' | 'python' | 'provided';

export function runtimeKind(runtime: FunctionConfig['runtime']): RuntimeKind {
  if (runtime.startsWith('nodejs')) return 'node';
  if (runtime.startsWith('python')) return 'python';
  return 'provided';
}

export interface LaunchContext {
  /** `127.0.0.1:PORT` of this environment's Runtime API. */
  runtimeApi: string;
  region: string;
  provisioned: boolean;
  logStreamName: string;
  invokeEndpointUrl?: string;
  /** Absolute path of the Python 3 interpreter (resolved once by the service). */
  pythonPath: string;
  /** Absolute path of Node.js (the one running lambdaload). */
  nodePath: string;
  /** PATH handed to functions: the local one, so local tools and interpreters are found. */
  pathVariable: string;
}

export interface LaunchPlan {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
}

/**
 * The plan run by a shell that first writes its pid into each control group's `cgroup.procs`, then execs the
 * runtime (same pid): the runtime starts inside its groups rather than being moved in after it began.
 */
export function inControlGroups(plan: LaunchPlan, procsFiles: readonly string[]): LaunchPlan {
  if (procsFiles.length === 0) return plan;
  const joins = procsFiles.map((_, i) => `echo $$ > "$${i + 1}"`).join(' && ');
  const script = `${joins} && shift ${procsFiles.length} && exec "$@"`;
  return { ...plan, command: '/bin/sh', args: ['-c', script, 'lambdaload-runtime', ...procsFiles, plan.command, ...plan.args] };
}

/** The file descriptor of a prestarted runtime's control channel, announced to it through this variable. */
export const CONTROL_FD = 3;
export const CONTROL_FD_VARIABLE = '_LAMBDALOAD_CONTROL_FD';

/** Credentials that only the emulator accepts: enough for an AWS SDK inside the function to sign requests to it. */
export const EMULATOR_CREDENTIALS = {
  accessKeyId: 'LAMBDALOADLOCALKEY',
  secretAccessKey: 'lambdaload-local-secret-not-a-real-key',
  sessionToken: 'lambdaload-local-session',
} as const;

/** `prestarted`: the process stops after its bootstrap and waits on a control channel (runtime-process.ts). */
export function planLaunch(fn: FunctionConfig, ctx: LaunchContext, prestarted = false): LaunchPlan {
  const kind = runtimeKind(fn.runtime);
  const env = lambdaEnvironment(fn, ctx, kind);
  if (prestarted) env[CONTROL_FD_VARIABLE] = String(CONTROL_FD);
  if (kind === 'node') {
    const newSpaceMb = Math.floor(fn.memoryMb / 10);
    const args = [
      '--expose-gc',
      '--max-http-header-size=81920',
      `--max-semi-space-size=${Math.max(1, Math.floor(newSpaceMb / 2))}`,
      `--max-old-space-size=${fn.memoryMb - newSpaceMb}`,
      path.join(RUNTIMES_DIR, 'node', 'bootstrap.mjs'),
    ];
    return { command: ctx.nodePath, args, env, cwd: fn.codeDir };
  }
  if (kind === 'python') {
    return { command: ctx.pythonPath, args: ['-u', path.join(RUNTIMES_DIR, 'python', 'bootstrap.py')], env, cwd: fn.codeDir };
  }
  return { command: bootstrapPath(fn), args: [], env, cwd: fn.codeDir };
}

export function bootstrapPath(fn: FunctionConfig): string {
  return path.join(fn.codeDir, 'bootstrap');
}

/** The variables Lambda sets (aws-facts §7.2); the function's own cannot override the reserved ones. */
export function lambdaEnvironment(fn: FunctionConfig, ctx: LaunchContext, kind: RuntimeKind): Record<string, string> {
  const env: Record<string, string> = {
    // Unreserved, with Lambda's defaults (TZ is `:UTC` at run time, aws-facts §7.2 ⚠).
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    PATH: ctx.pathVariable,
    AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
    ...fn.environment,
    // Reserved.
    _HANDLER: fn.handler,
    AWS_REGION: ctx.region,
    AWS_DEFAULT_REGION: ctx.region,
    AWS_LAMBDA_FUNCTION_NAME: fn.name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_INITIALIZATION_TYPE: ctx.provisioned ? 'provisioned-concurrency' : 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.name}`,
    AWS_LAMBDA_LOG_STREAM_NAME: ctx.logStreamName,
    AWS_LAMBDA_RUNTIME_API: ctx.runtimeApi,
    LAMBDA_TASK_ROOT: fn.codeDir,
    LAMBDA_RUNTIME_DIR: kind === 'provided' ? fn.codeDir : path.join(RUNTIMES_DIR, kind),
    AWS_ACCESS_KEY: EMULATOR_CREDENTIALS.accessKeyId,
    AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey,
    AWS_SESSION_TOKEN: EMULATOR_CREDENTIALS.sessionToken,
  };
  // Not set for OS-only runtimes (aws-facts §7.2).
  if (kind !== 'provided') env.AWS_EXECUTION_ENV = `AWS_Lambda_${fn.runtime}`;
  if (ctx.invokeEndpointUrl !== undefined) env.AWS_ENDPOINT_URL_LAMBDA = ctx.invokeEndpointUrl;
  return env;
}

/** `YYYY/MM/DD/[$LATEST]<32 hex>` (aws-facts §7.2). */
export function formatLogStreamName(epochMs: number, hex32: string): string {
  const d = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/[$LATEST]${hex32}`;
}
