/**
 * Errors across the IPC boundary. A LambdaloadError keeps its code, hint and problems, so the CLI's exit codes are
 * the same whether the emulator runs in-process or in the child; any other error stays a plain Error (exit 1, a bug).
 */
import { ERROR_CODES, LambdaloadError, isLambdaloadError, type ErrorCode } from '../../errors.js';
import type { WireError } from './protocol.js';

export function toWireError(error: unknown): WireError {
  const base = error instanceof Error ? { message: error.message, stack: error.stack } : { message: String(error) };
  const cause = error instanceof Error ? error.cause : undefined;
  const causeMessage = cause === undefined ? undefined : cause instanceof Error ? cause.message : String(cause);
  if (!isLambdaloadError(error)) return { ...base, ...(causeMessage === undefined ? {} : { causeMessage }) };
  return {
    ...base,
    code: error.code,
    ...(error.hint === undefined ? {} : { hint: error.hint }),
    problems: [...error.problems],
    ...(causeMessage === undefined ? {} : { causeMessage }),
  };
}

export function fromWireError(wire: WireError): Error {
  const cause = wire.causeMessage === undefined ? undefined : new Error(wire.causeMessage);
  const error =
    wire.code !== undefined && wire.code in ERROR_CODES
      ? new LambdaloadError(wire.code as ErrorCode, wire.message, { hint: wire.hint, problems: wire.problems, cause })
      : new Error(wire.message, cause === undefined ? undefined : { cause });
  // The child's stack says where it failed; the parent's own frames would only point at the IPC handler.
  if (wire.stack !== undefined) error.stack = wire.stack;
  return error;
}
