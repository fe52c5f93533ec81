import { describe, expect, it } from 'vitest';
import { KeyedMutex } from './keyed-mutex.js';

describe('KeyedMutex', () => {
  it('three runs of one key → one at a time, in arrival order; waiting counts the ones behind the running one', async () => {
    const mutex = new KeyedMutex();
    const order: string[] = [];
    const seen: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const a = mutex.run('k', async () => {
      await gate;
      seen.push(mutex.waiting('k'));
      order.push('a');
    });
    const b = mutex.run('k', async () => {
      seen.push(mutex.waiting('k'));
      order.push('b');
    });
    const c = mutex.run('k', async () => {
      seen.push(mutex.waiting('k'));
      order.push('c');
    });
    await new Promise((r) => setTimeout(r, 0)); // a has started and holds the key
    expect(mutex.waiting('k')).toBe(2);
    expect(mutex.waiting('other')).toBe(0);
    release();
    await Promise.all([a, b, c]);
    expect(order).toEqual(['a', 'b', 'c']);
    expect(seen).toEqual([2, 1, 0]);
    expect(mutex.waiting('k')).toBe(0);
    expect(mutex.size).toBe(0);
  });

  it('a run that throws → the next still runs, and the count goes down', async () => {
    const mutex = new KeyedMutex();
    const failing = mutex.run('k', async () => {
      throw new Error('boom');
    });
    const next = mutex.run('k', async () => mutex.waiting('k'));
    await expect(failing).rejects.toThrow('boom');
    expect(await next).toBe(0);
  });

  it('whenWaiting while a run holds the key → resolves when a second run queues; cancelled → never', async () => {
    const mutex = new KeyedMutex();
    let release!: () => void;
    const first = mutex.run('k', () => new Promise<void>((r) => (release = r)));
    await new Promise((r) => setTimeout(r, 0));
    const queued = mutex.whenWaiting('k');
    const cancelled = mutex.whenWaiting('k');
    cancelled.cancel();
    let seen = false;
    let seenCancelled = false;
    void queued.promise.then(() => (seen = true));
    void cancelled.promise.then(() => (seenCancelled = true));
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toBe(false);
    const second = mutex.run('k', async () => undefined);
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toBe(true);
    expect(seenCancelled).toBe(false);
    expect(mutex.whenWaiting('k').promise).toBeInstanceOf(Promise); // one already waits → resolved at once
    release();
    await Promise.all([first, second]);
  });
});
