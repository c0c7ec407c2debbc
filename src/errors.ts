/**
 * One error type for everything a user can act on: a stable `code`, a message that says what is wrong and where,
 * a `hint` that says how to fix it, and the `cause`. The CLI maps `code` to an exit code (see `EXIT_CODES`).
 */
export const EXIT_CODES = {
  ok: 0,
  /** Internal error: a bug in lambdaload. */
  internal: 1,
  /**
   * Invalid input: scenario file, flags, usage or pricing files; also an output path that cannot be written (exists,
   * unwritable folder, disk full): the fix is the user's, another --out, as for the checks made before a run.
   */
  invalidInput: 2,
  /** The run completed but at least one threshold failed. */
  thresholdsFailed: 3,
  /**
   * The target could not be reached (connection refused, DNS, emulator failed to start), or the local emulator's
   * process or a `run --workers` generator died mid-run (a partial result was written, `abort.reason`
   * `'emulator-died'` or `'worker-died'`).
   */
  targetUnreachable: 4,
  /** The run was refused before any traffic: a target beyond this machine without consent, or over maxCostUsd. */
  refused: 5,
  /** The run was interrupted (Ctrl-C / SIGTERM); a partial result was written. */
  aborted: 130,
} as const;

export type ExitCodeName = keyof typeof EXIT_CODES;

export const ERROR_CODES = {
  SCENARIO_INVALID: 'invalidInput',
  SCENARIO_NOT_FOUND: 'invalidInput',
  SCENARIO_LOAD_FAILED: 'invalidInput',
  USAGE: 'invalidInput',
  PRICING_DATA_MISSING: 'invalidInput',
  PRICING_FILE_INVALID: 'invalidInput',
  TARGET_UNREACHABLE: 'targetUnreachable',
  EMULATOR_START_FAILED: 'targetUnreachable',
  OUTPUT_EXISTS: 'invalidInput',
  OUTPUT_WRITE_FAILED: 'invalidInput',
  RESULT_INVALID: 'invalidInput',
  RESULT_MISMATCH: 'invalidInput',
  REMOTE_CONSENT_REQUIRED: 'refused',
  COST_LIMIT_EXCEEDED: 'refused',
  INTERNAL: 'internal',
  /** CloudWatch or CloudWatch Logs refused a read of the run's evidence: the message names the IAM action. */
  EVIDENCE_ACCESS_DENIED: 'targetUnreachable',
  /** CloudWatch or CloudWatch Logs could not be read (endpoint unreachable, throttled, unknown error). */
  EVIDENCE_UNAVAILABLE: 'targetUnreachable',
  /** An AWS API call of the run (the `lambda` target's lookups) was refused by IAM: the hint names the action. */
  AWS_ACCESS_DENIED: 'targetUnreachable',
  /** The AWS SDK's default credential provider chain found no credentials. */
  AWS_CREDENTIALS_MISSING: 'targetUnreachable',
  /** The `lambda` target's function (or its qualifier) does not exist in that account and Region. */
  LAMBDA_FUNCTION_NOT_FOUND: 'targetUnreachable',
  PLAN_INVALID: 'invalidInput',
  PLAN_NOT_FOUND: 'invalidInput',
  PLAN_LOAD_FAILED: 'invalidInput',
  /** `lambdaload merge` refused its inputs: not shards, shards of different scenarios, or indices missing or twice. */
  MERGE_INVALID: 'invalidInput',
  /** `run --workers`: every generator worker died before sending a result, so there is nothing to merge. */
  WORKER_DIED: 'targetUnreachable',
} as const satisfies Record<string, ExitCodeName>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface LambdaloadErrorOptions {
  hint?: string;
  cause?: unknown;
  /** Individual problems, e.g. every invalid key of a scenario. */
  problems?: string[];
}

export class LambdaloadError extends Error {
  override readonly name = 'LambdaloadError';
  readonly code: ErrorCode;
  readonly hint?: string;
  readonly problems: string[];

  constructor(code: ErrorCode, message: string, options: LambdaloadErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
    this.problems = options.problems ?? [];
  }

  get exitCode(): number {
    return EXIT_CODES[ERROR_CODES[this.code]];
  }
}

export function isLambdaloadError(error: unknown): error is LambdaloadError {
  return error instanceof LambdaloadError;
}
