import { describe, expect, it } from 'vitest';
import { coveredMs } from './covered-ms.js';

describe('coveredMs', () => {
  it('no spans → 0', () => {
    expect(coveredMs([], { start: 0, end: 10 })).toBe(0);
  });

  it('disjoint spans inside the window → their sum', () => {
    expect(
      coveredMs(
        [
          { start: 1, end: 3 },
          { start: 5, end: 9 },
        ],
        { start: 0, end: 10 },
      ),
    ).toBe(6);
  });

  it('overlapping and nested spans → their union, counted once', () => {
    const spans = [
      { start: 6, end: 8 },
      { start: 1, end: 5 },
      { start: 2, end: 4 },
      { start: 4, end: 7 },
    ];
    expect(coveredMs(spans, { start: 0, end: 10 })).toBe(7);
  });

  it('spans reaching outside the window → only the part inside', () => {
    expect(
      coveredMs(
        [
          { start: -5, end: 2 },
          { start: 8, end: 30 },
          { start: 40, end: 50 },
        ],
        { start: 0, end: 10 },
      ),
    ).toBe(4);
  });
});
