/** What one processing of an item may ask for: to be processed again after a delay (`RequeueAfter`). */
// biome-ignore lint/suspicious/noConfusingVoidType: a processing that returns nothing asks for nothing.
export type WorkResult = void | { requeueAfterMs?: number | undefined };

/** Timers the queue runs on; replaceable for tests. */
export interface QueueClock {
  now(): number;
  /** Calls `run` after `ms`; returns a function that cancels it. */
  after(ms: number, run: () => void): () => void;
}

/** Options of {@link WorkQueue}. */
export interface WorkQueueOptions {
  /** Items processed at once. Default 2. */
  concurrency?: number;
  /** Most processings started per second, over all items. Default 10. */
  ratePerSecond?: number;
  /** First delay after a failure; doubled on each further failure of the same item. Default 1 s. */
  baseDelayMs?: number;
  /** Longest delay after failures. Default 5 min. */
  maxDelayMs?: number;
  /** Called when a processing fails (it is retried after the delay). */
  onError?: (id: string, error: unknown, attempt: number, retryInMs: number) => void;
  clock?: QueueClock;
}

interface Waiter {
  resolve(result: WorkResult): void;
  reject(error: unknown): void;
}

/** The clock of the real world: `Date.now` and unref'd timers (a queue never keeps a process alive). */
export const realClock: QueueClock = {
  now: () => Date.now(),
  after: (ms, run) => {
    const timer = setTimeout(run, ms);
    timer.unref?.();
    return () => clearTimeout(timer);
  },
};

/**
 * One queue of work items named by id, as client-go's rate-limited work queue: an id waiting is queued once
 * (the newest item wins); an id added while it is being processed is processed again afterwards, never twice
 * at once; starts are rate-limited; a failure is retried after a delay that doubles per failure of that id
 * (reset by a success); a processing may ask to run again after a delay. Background work (status, reconcile
 * writes, retries, rollouts) all goes through one, so a key is never worked on twice at once and a failing
 * key does not hammer MLflow or the API server.
 *
 * @example
 * ```ts
 * const queue = new WorkQueue<DeploymentKey>(describeKey, async (key) => { await converge(rt, key); });
 * queue.add(versionKey('iris', '3'));
 * await queue.idle();
 * queue.stop();
 * ```
 */
export class WorkQueue<T> {
  private readonly pending = new Map<string, T>();
  private readonly processing = new Set<string>();
  /** Ids added again while processing: queued once their processing ends. */
  private readonly dirty = new Map<string, T>();
  private readonly delayed = new Map<string, { at: number; cancel: () => void; item: T }>();
  private readonly failures = new Map<string, number>();
  private readonly waiters = new Map<string, Waiter[]>();
  private idleWaiters: (() => void)[] = [];
  private readonly clock: QueueClock;
  private readonly concurrency: number;
  private readonly interval: number;
  private readonly baseDelay: number;
  private readonly maxDelay: number;
  private nextStartAt = 0;
  private pumpTimer: (() => void) | undefined;
  private stopped = false;

  constructor(
    private readonly idOf: (item: T) => string,
    private readonly process: (item: T) => Promise<WorkResult>,
    private readonly options: WorkQueueOptions = {},
  ) {
    this.clock = options.clock ?? realClock;
    this.concurrency = Math.max(1, options.concurrency ?? 2);
    this.interval = 1000 / Math.max(0.001, options.ratePerSecond ?? 10);
    this.baseDelay = options.baseDelayMs ?? 1000;
    this.maxDelay = options.maxDelayMs ?? 300_000;
  }

  /** Items waiting to be processed now (not those delayed or being processed). */
  get length(): number {
    return this.pending.size;
  }

  /** Queues `item` (once per id; the newest item wins). */
  add(item: T): void {
    if (this.stopped) return;
    const id = this.idOf(item);
    if (this.processing.has(id)) {
      this.dirty.set(id, item);
      return;
    }
    this.cancelDelay(id);
    this.pending.set(id, item);
    this.pump();
  }

  /** Queues `item` after `ms` (an earlier time already set for the id wins). */
  addAfter(item: T, ms: number): void {
    if (this.stopped) return;
    if (ms <= 0) {
      this.add(item);
      return;
    }
    const id = this.idOf(item);
    const at = this.clock.now() + ms;
    const existing = this.delayed.get(id);
    if (existing && existing.at <= at) {
      existing.item = item;
      return;
    }
    existing?.cancel();
    const cancel = this.clock.after(ms, () => {
      const entry = this.delayed.get(id);
      this.delayed.delete(id);
      if (entry) this.add(entry.item);
    });
    this.delayed.set(id, { at, cancel, item });
  }

  /** Queues `item` and resolves with the outcome of its next processing (rejects when that fails). */
  run(item: T): Promise<WorkResult> {
    if (this.stopped) return Promise.reject(new Error('the work queue is stopped'));
    const id = this.idOf(item);
    const promise = new Promise<WorkResult>((resolve, reject) => {
      const list = this.waiters.get(id) ?? [];
      list.push({ resolve, reject });
      this.waiters.set(id, list);
    });
    this.add(item);
    return promise;
  }

  /** Resolves when nothing is queued or being processed (delayed items do not count). */
  idle(): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      this.settleIdle();
    });
  }

  /** Starts nothing more; delayed items are dropped; a processing in progress finishes. */
  stop(): void {
    this.stopped = true;
    for (const entry of this.delayed.values()) entry.cancel();
    this.delayed.clear();
    this.pending.clear();
    this.dirty.clear();
    this.pumpTimer?.();
    this.pumpTimer = undefined;
    for (const list of this.waiters.values()) for (const w of list) w.reject(new Error('the work queue is stopped'));
    this.waiters.clear();
    this.settleIdle();
  }

  private cancelDelay(id: string): void {
    const entry = this.delayed.get(id);
    if (!entry) return;
    entry.cancel();
    this.delayed.delete(id);
  }

  private pump(): void {
    while (!this.stopped && this.pending.size > 0 && this.processing.size < this.concurrency) {
      const now = this.clock.now();
      if (now < this.nextStartAt) {
        this.pumpTimer ??= this.clock.after(this.nextStartAt - now, () => {
          this.pumpTimer = undefined;
          this.pump();
        });
        return;
      }
      this.nextStartAt = Math.max(now, this.nextStartAt) + this.interval;
      const [id, item] = this.pending.entries().next().value as [string, T];
      this.pending.delete(id);
      this.processing.add(id);
      const waiters = this.waiters.get(id) ?? [];
      this.waiters.delete(id);
      void this.work(id, item, waiters);
    }
    this.settleIdle();
  }

  private async work(id: string, item: T, waiters: Waiter[]): Promise<void> {
    const outcome = await Promise.resolve()
      .then(() => this.process(item))
      .then(
        (result) => ({ failed: false as const, result }),
        (error: unknown) => ({ failed: true as const, error }),
      );
    this.processing.delete(id);
    const again = this.dirty.get(id);
    this.dirty.delete(id);
    if (outcome.failed) {
      const { error } = outcome;
      const attempt = (this.failures.get(id) ?? 0) + 1;
      this.failures.set(id, attempt);
      const delay = Math.min(this.baseDelay * 2 ** (attempt - 1), this.maxDelay);
      this.options.onError?.(id, error, attempt, delay);
      for (const w of waiters) w.reject(error);
      if (again !== undefined) this.add(again);
      else this.addAfter(item, delay);
    } else {
      this.failures.delete(id);
      const { result } = outcome;
      for (const w of waiters) w.resolve(result);
      const after = result?.requeueAfterMs;
      if (again !== undefined) this.add(again);
      else if (after !== undefined) this.addAfter(item, after);
    }
    this.pump();
  }

  private settleIdle(): void {
    if (this.pending.size > 0 || this.processing.size > 0) return;
    const waiting = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiting) resolve();
  }
}
