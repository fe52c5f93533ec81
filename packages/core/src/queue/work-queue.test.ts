import { describe, expect, it } from 'vitest';
import { type QueueClock, WorkQueue, type WorkResult } from './work-queue.js';

/** A clock that moves only when told to. */
function manualClock(): QueueClock & { advance(ms: number): Promise<void>; timers(): number } {
  let now = 0;
  let timers: { at: number; run: () => void }[] = [];
  return {
    now: () => now,
    after(ms, run) {
      const timer = { at: now + ms, run };
      timers.push(timer);
      return () => {
        timers = timers.filter((t) => t !== timer);
      };
    },
    async advance(ms) {
      const until = now + ms;
      for (;;) {
        await flush();
        const due = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = due.at;
        due.run();
        await flush();
      }
      now = until;
      await flush();
    },
    timers: () => timers.length,
  };
}

/** Lets every promise chain that can move on do so (one macrotask turn). */
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function setup(options: { fail?: (id: string, n: number) => boolean; result?: (id: string) => WorkResult; concurrency?: number } = {}) {
  const clock = manualClock();
  const runs: string[] = [];
  const errors: { id: string; attempt: number; retryInMs: number }[] = [];
  let gate: Promise<void> | undefined;
  const queue = new WorkQueue<string>(
    (item) => item.split('#')[0]!,
    async (item) => {
      runs.push(item);
      await gate;
      const id = item.split('#')[0]!;
      if (options.fail?.(id, runs.filter((r) => r.startsWith(id)).length)) throw new Error(`boom ${id}`);
      return options.result?.(id);
    },
    {
      clock,
      concurrency: options.concurrency ?? 1,
      ratePerSecond: 1000,
      baseDelayMs: 100,
      maxDelayMs: 1000,
      onError: (id, _e, attempt, retryInMs) => errors.push({ id, attempt, retryInMs }),
    },
  );
  return {
    clock,
    runs,
    errors,
    queue,
    hold: () => {
      let release!: () => void;
      gate = new Promise((resolve) => {
        release = resolve;
      });
      return () => {
        gate = undefined;
        release();
      };
    },
  };
}

describe('WorkQueue', () => {
  it('the same id added three times while waiting → processed once, with the newest item', async () => {
    const { queue, runs, clock, hold } = setup();
    const release = hold();
    queue.add('busy');
    queue.add('a#1');
    queue.add('a#2');
    queue.add('a#3');
    release();
    await clock.advance(10);
    expect(runs).toEqual(['busy', 'a#3']);
  });

  it('an id added while it is processed → processed again after, never twice at once', async () => {
    const { queue, runs, clock, hold } = setup({ concurrency: 4 });
    const release = hold();
    queue.add('a#1');
    await flush();
    queue.add('a#2');
    await clock.advance(10);
    expect(runs).toEqual(['a#1']);
    release();
    await clock.advance(10);
    expect(runs).toEqual(['a#1', 'a#2']);
  });

  it('a failing id → retried after 100, 200, 400 ms (doubling, capped), reset by a success', async () => {
    const { queue, runs, clock, errors } = setup({ fail: (_id, n) => n <= 3 });
    queue.add('a');
    await clock.advance(0);
    expect(runs).toHaveLength(1);
    await clock.advance(99);
    expect(runs).toHaveLength(1);
    await clock.advance(1);
    expect(runs).toHaveLength(2);
    await clock.advance(200);
    expect(runs).toHaveLength(3);
    await clock.advance(400);
    expect(runs).toHaveLength(4);
    expect(errors.map((e) => e.retryInMs)).toEqual([100, 200, 400]);
    await clock.advance(10_000);
    expect(runs).toHaveLength(4);
  });

  it('backoff is capped at maxDelayMs', async () => {
    const { queue, clock, errors } = setup({ fail: () => true });
    queue.add('a');
    await clock.advance(10_000);
    expect(Math.max(...errors.map((e) => e.retryInMs))).toBe(1000);
  });

  it('a processing that asks for requeueAfterMs → runs again after that delay', async () => {
    let left = 2;
    const { queue, runs, clock } = setup({ result: () => (left-- > 0 ? { requeueAfterMs: 5000 } : undefined) });
    queue.add('a');
    await clock.advance(0);
    await clock.advance(4999);
    expect(runs).toHaveLength(1);
    await clock.advance(1);
    expect(runs).toHaveLength(2);
    await clock.advance(5000);
    expect(runs).toHaveLength(3);
    await clock.advance(60_000);
    expect(runs).toHaveLength(3);
  });

  it('add while a delay is pending → processed now, the delay dropped', async () => {
    const { queue, runs, clock } = setup();
    queue.addAfter('a', 5000);
    queue.add('a');
    await clock.advance(0);
    await clock.advance(10_000);
    expect(runs).toEqual(['a']);
  });

  it('starts are rate-limited: 3 ids at 2 per second → the third starts after 1 s', async () => {
    const clock = manualClock();
    const started: number[] = [];
    const queue = new WorkQueue<string>(
      (s) => s,
      async () => {
        started.push(clock.now());
      },
      { clock, concurrency: 5, ratePerSecond: 2 },
    );
    queue.add('a');
    queue.add('b');
    queue.add('c');
    await clock.advance(2000);
    expect(started).toEqual([0, 500, 1000]);
  });

  it('run(item) → resolves with the result of its processing; rejects when it fails', async () => {
    const { queue, clock } = setup({ fail: (id) => id === 'bad', result: () => ({ requeueAfterMs: undefined }) });
    const good = queue.run('good');
    const bad = queue.run('bad').then(
      () => 'resolved',
      (error: Error) => error.message,
    );
    await clock.advance(10);
    await expect(good).resolves.toEqual({ requeueAfterMs: undefined });
    expect(await bad).toBe('boom bad');
  });

  it('stop() → nothing more starts, delayed items and pending runs are dropped', async () => {
    const { queue, runs, clock } = setup({ fail: () => true });
    queue.add('a');
    await clock.advance(0);
    const pending = queue.run('b');
    queue.stop();
    await expect(pending).rejects.toThrow('stopped');
    queue.add('c');
    await clock.advance(60_000);
    expect(runs).toEqual(['a']);
    expect(clock.timers()).toBe(0);
  });

  it('idle() → resolves once nothing is queued or processed', async () => {
    const { queue, clock, hold } = setup();
    const release = hold();
    queue.add('a');
    let idle = false;
    void queue.idle().then(() => {
      idle = true;
    });
    await clock.advance(10);
    expect(idle).toBe(false);
    release();
    await clock.advance(10);
    expect(idle).toBe(true);
  });
});
