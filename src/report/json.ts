/** The JSON report: the RunResult itself, pretty-printed (the contract is `src/result/types.ts`). */
import type { RunResult } from '../result/types.js';

export function renderJson(result: RunResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
