import type { Span } from './tcp-counter.js';

/**
 * How much of `window` the spans cover, in ms: overlapping spans count once, the parts outside the window
 * not at all.
 *
 * @example
 * ```ts
 * coveredMs([{ start: 0, end: 10 }, { start: 5, end: 20 }], { start: 2, end: 12 }); // 10
 * ```
 */
export function coveredMs(spans: readonly Span[], window: Span): number {
  const clipped = spans
    .map((s) => ({ start: Math.max(s.start, window.start), end: Math.min(s.end, window.end) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
  let total = 0;
  let reach = window.start;
  for (const s of clipped) {
    if (s.end <= reach) continue;
    total += s.end - Math.max(s.start, reach);
    reach = s.end;
  }
  return total;
}
