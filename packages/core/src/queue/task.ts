import { type WorkQueue, WorkQueue as Queue, type WorkQueueOptions, type WorkResult } from './work-queue.js';

/**
 * One piece of background work on one key: `id` names it (`status:iris@champion`, `converge:iris/3`) so
 * that the queue runs it once at a time and folds repeats; `run` does it, reading what it needs when it
 * runs (not when it was queued).
 */
export interface Task {
  id: string;
  run(): Promise<WorkResult>;
}

/**
 * The work queue background work shares: tasks by id, rate-limited, retried with backoff.
 *
 * @example
 * ```ts
 * const queue = createTaskQueue({ concurrency: 2 });
 * queue.add({ id: `converge:${describeKey(key)}`, run: async () => void (await converge(rt, key)) });
 * ```
 */
export function createTaskQueue(options: WorkQueueOptions = {}): WorkQueue<Task> {
  return new Queue<Task>(
    (task) => task.id,
    (task) => task.run(),
    options,
  );
}
