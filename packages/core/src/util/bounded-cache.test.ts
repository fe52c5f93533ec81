import { describe, expect, it } from 'vitest';
import { BoundedCache } from './bounded-cache.js';

describe('BoundedCache', () => {
  it('100,000 sets with capacity 1,000 → size stays ≤ 1,000; recent keys remembered, old ones forgotten', () => {
    const cache = new BoundedCache<string, number>(1000);
    for (let i = 0; i < 100_000; i += 1) {
      cache.set(`k${i}`, i);
      expect(cache.size).toBeLessThanOrEqual(1000);
    }
    expect(cache.get('k99999')).toBe(99_999);
    expect(cache.get('k99500')).toBe(99_500);
    expect(cache.get('k0')).toBeUndefined();
  });
});
