/**
 * The most recent invocation records, for `GET /__lambdaload/invocations` and tests: a fixed-size ring, so a long
 * run keeps the last few thousand records (to look at) and not every one (the ledger keeps the totals).
 */
import type { RecentRecords } from './types.js';
import type { InvocationRecord } from '../../records/invocation.js';

/** Records kept by default: about 6.5 MB of heap at ~650 bytes a record. */
export const RECENT_RECORDS_LIMIT = 10_000;

export interface RecentRecordRing {
  push(record: InvocationRecord): void;
  /** The kept records, oldest first, and how many older ones were let go. */
  snapshot(): RecentRecords;
}

export function createRecentRecordRing(limit = RECENT_RECORDS_LIMIT): RecentRecordRing {
  const ring: InvocationRecord[] = [];
  let next = 0;
  let dropped = 0;
  return {
    push(record) {
      if (limit <= 0) {
        dropped++;
        return;
      }
      if (ring.length < limit) {
        ring.push(record);
        return;
      }
      ring[next] = record;
      next = (next + 1) % limit;
      dropped++;
    },
    snapshot: () => ({ records: [...ring.slice(next), ...ring.slice(0, next)], dropped }),
  };
}
