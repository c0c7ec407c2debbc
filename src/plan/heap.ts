/**
 * A binary min-heap of simulator events on typed arrays: a time (ms) and an int32 code per event. Push and pop are
 * O(log n) with no allocation once grown; n is the number of pending events (arrivals per route plus requests in
 * flight), never the number of requests simulated.
 */
export interface EventHeap {
  size: number;
  times: Float64Array;
  codes: Int32Array;
}

export function createEventHeap(capacity = 1024): EventHeap {
  return { size: 0, times: new Float64Array(capacity), codes: new Int32Array(capacity) };
}

export function pushEvent(heap: EventHeap, timeMs: number, code: number): void {
  if (heap.size === heap.times.length) grow(heap);
  const { times, codes } = heap;
  let i = heap.size++;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (times[parent] <= timeMs) break;
    times[i] = times[parent];
    codes[i] = codes[parent];
    i = parent;
  }
  times[i] = timeMs;
  codes[i] = code;
}

/** Removes the earliest event; read `heap.times[0]` and `heap.codes[0]` before calling. */
export function popEvent(heap: EventHeap): void {
  const { times, codes } = heap;
  const last = --heap.size;
  if (last === 0) return;
  const t = times[last];
  const c = codes[last];
  let i = 0;
  for (;;) {
    let child = 2 * i + 1;
    if (child >= last) break;
    if (child + 1 < last && times[child + 1] < times[child]) child++;
    if (times[child] >= t) break;
    times[i] = times[child];
    codes[i] = codes[child];
    i = child;
  }
  times[i] = t;
  codes[i] = c;
}

function grow(heap: EventHeap): void {
  const times = new Float64Array(heap.times.length * 2);
  const codes = new Int32Array(heap.codes.length * 2);
  times.set(heap.times);
  codes.set(heap.codes);
  heap.times = times;
  heap.codes = codes;
}
