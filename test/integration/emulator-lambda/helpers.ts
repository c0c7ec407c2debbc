/**
 * Shared set-up for the Lambda service's integration tests: function configs over the fixture handlers in
 * test/fixtures/functions/, a service that keeps every log line, and process checks.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLambdaService, type LambdaServiceTuning } from '../../../src/emulator/lambda/service.js';
import type { FunctionConfig, LambdaService, LambdaServiceOptions } from '../../../src/emulator/lambda/types.js';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/functions/', import.meta.url));

export function fn(name: string, folder: string, handler: string, overrides: Partial<FunctionConfig> = {}): FunctionConfig {
  return {
    name,
    codeDir: path.join(FIXTURES, folder),
    handler,
    runtime: 'nodejs22.x',
    memoryMb: 128,
    timeoutMs: 3_000,
    architecture: 'x86_64',
    environment: {},
    provisionedConcurrency: 0,
    ephemeralStorageMb: 512,
    // The host's CPU unless a test is about the CPU share (cgroup.test.ts).
    cpu: 'host',
    ...overrides,
  };
}

export interface TestService {
  service: LambdaService;
  /** Every log line so far, as `function: line`. */
  logs: string[];
  linesOf(functionName: string): string[];
}

export function createTestService(
  functions: FunctionConfig[],
  options: Partial<LambdaServiceOptions> = {},
  tuning: LambdaServiceTuning = {},
): TestService {
  const logs: string[] = [];
  const service = createLambdaService(
    {
      functions,
      accountConcurrency: 1_000,
      coldStartProfile: 'real',
      idleTimeoutMs: 60_000,
      maxLifetimeMs: 3_600_000,
      spareRuntimes: 0,
      region: 'us-east-1',
      onLog: (name, line) => logs.push(`${name}: ${line}`),
      ...options,
    },
    tuning,
  );
  return {
    service,
    logs,
    linesOf: (name) => logs.filter((l) => l.startsWith(`${name}: `)).map((l) => l.slice(name.length + 2)),
  };
}

export function json(buffer: Buffer): any {
  return JSON.parse(buffer.toString('utf8'));
}

export function event(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value));
}

/** True while a process with this pid exists (and is not a reaped zombie). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The REPORT line text format of aws-facts §5.1: tab-separated fields, 2-decimal durations, integer MB. */
export const REPORT_LINE =
  /^REPORT RequestId: ([0-9a-f-]{36})\tDuration: (\d+\.\d\d) ms\tBilled Duration: (\d+) ms\tMemory Size: (\d+) MB\tMax Memory Used: (\d+) MB\t(?:Init Duration: (\d+\.\d\d) ms\t)?$/;
