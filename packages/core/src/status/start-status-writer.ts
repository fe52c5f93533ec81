import { serviceNamespaces } from '../config/service-namespaces.js';
import type { DeploymentKey } from '../keys/deployment-key.js';
import { describeKey } from '../keys/identity-of.js';
import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import { Ownership } from '../ownership/ownership.js';
import type { WatchEvent } from '../ports/kube-port.js';
import { createTaskQueue, type Task } from '../queue/task.js';
import type { WorkQueue } from '../queue/work-queue.js';
import type { InferenceServiceManifest } from '../render/inference-service-manifest.js';
import type { Runtime } from '../runtime/runtime.js';
import { keysOfChange } from './keys-of-change.js';
import { liveStatusSource } from './live-status-source.js';
import { ServiceCache } from './service-cache.js';
import { readStatusSnapshot, type StatusSnapshot } from './status-snapshot.js';
import { statusUpToDate, writeStatus } from './write-status.js';

/** How long namespaces listing together share one snapshot of MLflow's status tags. */
const snapshotReuseMs = 5000;

/** Options of {@link startStatusWriter}. */
export interface StatusWriterOptions {
  /** The queue status tasks go through. Default: a queue of its own, one task at a time. */
  queue?: WorkQueue<Task>;
  /** Own queue: most status writes started per second (each is a few MLflow calls). Default 5. */
  ratePerSecond?: number;
  /** Own queue: first retry delay after a failed write, doubling per failure. Default 1 s. */
  retryDelayMs?: number;
  /** Write status (default); `false`: only watch for `tasksFor` (status write-back off, rollouts on). */
  writeStatus?: boolean;
  /** More tasks for a key whose service changed (the background work adds a rollout's converge). */
  tasksFor?: (key: DeploymentKey, object: InferenceServiceManifest | null) => Task[];
  /** Replaceable for tests. */
  sleep?: (ms: number) => Promise<void>;
}

/** A running status writer. */
export interface StatusWriter {
  /** Stops watching (and the queue, when it is the writer's own); a write in progress finishes. */
  stop(): void;
  /** Resolves when nothing is queued or being written. */
  idle(): Promise<void>;
}

/** The status task of one key: writes what the cache holds for the key when it runs. */
export function statusTask(rt: Runtime, key: DeploymentKey, objectOf: (key: DeploymentKey) => InferenceServiceManifest | null): Task {
  const seen = performance.now();
  return {
    id: `status:${describeKey(key)}`,
    run: async () => {
      try {
        const written = await writeStatus(rt, { key, object: objectOf(key) });
        if (written > 0) {
          rt.logger.info({ key: describeKey(key), tags: written }, 'status written to MLflow');
          rt.metrics.statusWrite?.('success', (performance.now() - seen) / 1000);
        }
      } catch (error) {
        rt.metrics.statusWrite?.('error', 0);
        throw error;
      }
    },
  };
}

/**
 * Keeps MLflow told about every deployment key with a managed InferenceService: watches them where they are live
 * ({@link liveStatusSource}: the cluster, or the cluster a Git target's files are applied to; namespace-scoped,
 * `managed-by` selector), lists them again every `status_resync_seconds` and after a
 * dropped watch (so a deletion missed meanwhile is still reported as `Removed`), maps each change to the
 * keys of the previous and the current object ({@link keysOfChange}) and queues one status task per key,
 * which writes the key's status at the key's own place ({@link writeStatus}). A list (startup, resync)
 * first reads MLflow's status tags in one paginated search ({@link readStatusSnapshot}) and queues tasks
 * only for keys whose tags differ, so a resync of an unchanged cluster costs a request or a few, not one
 * per service, and writes no tag.
 *
 * @example
 * ```ts
 * const writer = startStatusWriter(runtime);
 * process.on('SIGTERM', () => writer.stop());
 * ```
 */
export function startStatusWriter(rt: Runtime, options: StatusWriterOptions = {}): StatusWriter {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref?.()));
  const ownQueue = options.queue === undefined;
  const queue =
    options.queue ??
    createTaskQueue({
      concurrency: 1,
      ratePerSecond: options.ratePerSecond ?? 5,
      baseDelayMs: options.retryDelayMs ?? 1000,
      onError: (id, error, attempt) => rt.logger.warn({ task: id, attempt, error: (error as Error).message }, 'status write failed'),
    });
  const source = liveStatusSource(rt);
  if (!source)
    throw new MlflowKserveError(
      'internal',
      'The status writer needs live InferenceServices: a cluster target, or git_status_from_cluster.',
    );
  const cache = new ServiceCache();
  const objectOf = (key: DeploymentKey): InferenceServiceManifest | null => cache.serviceOf(key);
  let stopped = false;
  const stopWatches = new Set<() => void>();
  const endResyncs = new Set<() => void>();

  const writes = options.writeStatus !== false;
  /** A resync compares with one snapshot of MLflow's tags; a key already reported needs no task (and no read). */
  const changed = (
    previous: InferenceServiceManifest | undefined,
    current: InferenceServiceManifest | undefined,
    snapshot?: StatusSnapshot,
  ): void => {
    for (const key of keysOfChange(previous, current)) {
      if (writes && !(snapshot && statusUpToDate(rt, { key, object: objectOf(key) }, snapshot))) queue.add(statusTask(rt, key, objectOf));
      for (const task of options.tasksFor?.(key, objectOf(key)) ?? []) queue.add(task);
    }
  };
  const put = (object: InferenceServiceManifest, snapshot?: StatusSnapshot): void => changed(cache.put(object), object, snapshot);
  const remove = (object: InferenceServiceManifest, snapshot?: StatusSnapshot): void => changed(cache.remove(object), undefined, snapshot);
  // Namespaces list at about the same moments: they share a snapshot read within a few seconds.
  let shared: { at: number; snapshot: Promise<StatusSnapshot | undefined> } | undefined;
  const snapshotNow = (): Promise<StatusSnapshot | undefined> => {
    if (!writes) return Promise.resolve(undefined);
    if (!shared || performance.now() - shared.at > snapshotReuseMs) {
      shared = {
        at: performance.now(),
        snapshot: readStatusSnapshot(rt).catch((error: unknown) => {
          // Without a snapshot every key is read on its own, as before: slower, never wrong.
          rt.logger.warn({ error: (error as Error).message }, 'reading the status tags in one search failed; reading each key');
          return undefined;
        }),
      };
    }
    return shared.snapshot;
  };

  const observe = async (namespace: string): Promise<void> => {
    let stopWatch: (() => void) | undefined;
    let endResync: (() => void) | undefined;
    let failures = 0;
    // Watches that ended with an error in a row before telling anything: each waits longer before listing again, so
    // a watch the API server refuses (RBAC without `watch`) is retried with backoff, not listed and refused again at
    // once. A watch that delivered events and then dropped lists again at once, as one that ended cleanly does.
    let watchFailures = 0;
    while (!stopped) {
      try {
        const objects = await source.list(namespace, Ownership.selector);
        const snapshot = objects.length > 0 || cache.inNamespace(namespace).length > 0 ? await snapshotNow() : undefined;
        if (stopped) return;
        const names = new Set(objects.map((o) => o.metadata.name));
        for (const known of cache.inNamespace(namespace)) if (!names.has(known.metadata.name)) remove(known, snapshot);
        for (const object of objects) put(object, snapshot);
        failures = 0;
        let watchFailed = false;
        let watchTold = false;
        await new Promise<void>((resolve) => {
          const resync = setTimeout(resolve, rt.config.status_resync_seconds * 1000);
          resync.unref?.();
          endResync = () => {
            clearTimeout(resync);
            resolve();
          };
          endResyncs.add(endResync);
          if (!source.watch) return;
          const onEvent = (event: WatchEvent): void => {
            watchTold = true;
            if (event.type === 'DELETED') remove(event.object);
            else put(event.object);
          };
          const onDone = (error?: unknown): void => {
            if (error) {
              watchFailed = true;
              rt.logger.warn({ error: (error as Error).message }, 'watch of InferenceServices ended; listing again');
            }
            endResync?.();
          };
          source.watch(namespace, Ownership.selector, onEvent, onDone).then((handle) => {
            if (stopped) handle.stop();
            else {
              stopWatch = handle.stop;
              stopWatches.add(handle.stop);
            }
          }, onDone);
        });
        if (stopWatch) {
          stopWatch();
          stopWatches.delete(stopWatch);
          stopWatch = undefined;
        }
        if (endResync) endResyncs.delete(endResync);
        watchFailures = watchFailed && !watchTold ? watchFailures + 1 : 0;
        if (watchFailures > 0 && !stopped) await sleep(Math.min(1000 * 2 ** (watchFailures - 1), 30_000));
      } catch (error) {
        failures += 1;
        rt.logger.warn({ error: (error as Error).message }, 'listing InferenceServices for status failed; retrying');
        await sleep(Math.min(1000 * 2 ** failures, 30_000));
      }
    }
  };

  for (const namespace of serviceNamespaces(rt.config)) void observe(namespace);
  return {
    stop: () => {
      stopped = true;
      for (const stop of stopWatches) stop();
      for (const end of endResyncs) end();
      if (ownQueue) queue.stop();
    },
    idle: () => queue.idle(),
  };
}
