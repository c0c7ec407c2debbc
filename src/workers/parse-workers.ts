/**
 * `--workers N | auto`: how many generator processes one machine runs the scenario on. `auto` is one per core,
 * leaving one core to the local emulator when the target is the emulator (its gateway and runtimes need CPU too).
 */
import os from 'node:os';
import { LambdaloadError } from '../errors.js';

export type WorkersOption = number | 'auto';

export function parseWorkers(text: string | number): WorkersOption {
  const raw = String(text).trim();
  if (raw === 'auto') return 'auto';
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new LambdaloadError('USAGE', `--workers ${JSON.stringify(String(text))}: expected a whole number ≥ 1 or auto`, {
      hint: `Give the number of generator processes, e.g. --workers 2, or --workers auto (one per core: ${os.availableParallelism()} here).`,
    });
  }
  return n;
}

/** The worker count for a target: `auto` resolved against this machine's cores. */
export function workerCount(option: WorkersOption, targetType: string): number {
  if (option !== 'auto') return option;
  const cores = os.availableParallelism();
  return Math.max(1, targetType === 'emulator' ? cores - 1 : cores);
}
