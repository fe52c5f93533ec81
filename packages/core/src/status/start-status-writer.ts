import { serviceNamespaces } from '../config/service-namespaces.js';
import { Ownership, ownerOf } from '../ownership/ownership.js';
import type { WatchEvent } from '../ports/kube-port.js';
import type { InferenceServiceManifest } from '../render/inference-service-manifest.js';
import type { Runtime } from '../runtime/runtime.js';
import { type StatusTarget, writeStatus } from './write-status.js';

/** Options of {@link startStatusWriter}. */
export interface StatusWriterOptions {
  /** Most status writes per second (each is a few MLflow calls). Default 5. */
  ratePerSecond?: number;
  /** Attempts per status before giving up until the next change or resync. Default 5. */
  maxAttempts?: number;
  /** Replaceable for tests. */
  sleep?: (ms: number) => Promise<void>;
}

/** A running status writer. */
export interface StatusWriter {
  /** Stops watching and writing; a write in progress finishes. */
  stop(): void;
  /** Resolves when nothing is queued or being written. */
  idle(): Promise<void>;
}

/** Everything {@link syncStatus} found and did. */
export interface StatusSyncReport {
  services: number;
  written: number;
  failed: { name: string; error: string }[];
}

function targetOf(object: InferenceServiceManifest, gone: boolean): StatusTarget | undefined {
  const owner = ownerOf(object);
  if (!owner.managed || !owner.key) return undefined;
  return {
    key: owner.key,
    servedVersion: owner.servedVersion,
    namespace: object.metadata.namespace,
    name: object.metadata.name,
    object: gone ? null : object,
  };
}

/**
 * One pass: the status of every managed InferenceService written onto MLflow (`mlflow-kserve status sync`,
 * for Lambda users on a schedule).
 *
 * @example
 * ```ts
 * const report = await syncStatus(runtime); // { services: 12, written: 3, failed: [] }
 * ```
 */
export async function syncStatus(rt: Runtime): Promise<StatusSyncReport> {
  const objects = (await Promise.all(serviceNamespaces(rt.config).map((ns) => rt.kube.list(ns, Ownership.selector)))).flat();
  const report: StatusSyncReport = { services: 0, written: 0, failed: [] };
  for (const object of objects) {
    const target = targetOf(object, false);
    if (!target) continue;
    report.services += 1;
    try {
      report.written += await writeStatus(rt, target);
    } catch (error) {
      report.failed.push({ name: target.name, error: (error as Error).message });
    }
  }
  return report;
}

/**
 * Keeps MLflow told about every managed InferenceService: watches them (namespace-scoped, `managed-by`
 * selector), lists them again every `status_resync_seconds` and after a dropped watch (so a deletion missed
 * meanwhile is still reported as `Removed`), and writes each one's latest status through
 * {@link writeStatus} — one at a time, rate-limited, retried with backoff, a newer status replacing a queued
 * older one. Writes of unchanged values are skipped, so the tag events MLflow sends back cost nothing.
 *
 * @example
 * ```ts
 * const writer = startStatusWriter(runtime);
 * process.on('SIGTERM', () => writer.stop());
 * ```
 */
export function startStatusWriter(rt: Runtime, options: StatusWriterOptions = {}): StatusWriter {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref?.()));
  const interval = 1000 / (options.ratePerSecond ?? 5);
  const maxAttempts = options.maxAttempts ?? 5;
  const queue = new Map<string, StatusTarget>();
  /** When each queued name's oldest unwritten change was seen (for the lag metric). */
  const seenAt = new Map<string, number>();
  const known = new Map<string, InferenceServiceManifest>();
  let stopped = false;
  let busy = false;
  let wake: (() => void) | undefined;
  let idleWaiters: (() => void)[] = [];
  const stopWatches = new Set<() => void>();
  const endResyncs = new Set<() => void>();

  const enqueue = (object: InferenceServiceManifest, gone: boolean): void => {
    const target = targetOf(object, gone);
    if (!target) return;
    const id = `${target.namespace}/${target.name}`;
    if (gone) known.delete(id);
    else known.set(id, object);
    queue.set(id, target);
    if (!seenAt.has(id)) seenAt.set(id, performance.now());
    wake?.();
  };

  const settleIdle = (): void => {
    if (queue.size === 0 && !busy) {
      for (const resolve of idleWaiters) resolve();
      idleWaiters = [];
    }
  };

  const work = async (): Promise<void> => {
    while (!stopped) {
      const next = queue.entries().next();
      if (next.done) {
        settleIdle();
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
        continue;
      }
      const [name, target] = next.value;
      queue.delete(name);
      const seen = seenAt.get(name) ?? performance.now();
      seenAt.delete(name);
      busy = true;
      for (let attempt = 1; attempt <= maxAttempts && !stopped; attempt += 1) {
        try {
          const written = await writeStatus(rt, target);
          if (written > 0) {
            rt.logger.info({ inference_service: name, tags: written }, 'status written to MLflow');
            rt.metrics.statusWrite?.('success', (performance.now() - seen) / 1000);
          }
          break;
        } catch (error) {
          rt.metrics.statusWrite?.('error', 0);
          if (queue.has(name)) break; // a newer status replaces this one
          rt.logger.warn({ inference_service: name, attempt, error: (error as Error).message }, 'status write failed');
          if (attempt < maxAttempts) await sleep(Math.min(1000 * 2 ** (attempt - 1), 30_000));
        }
      }
      busy = false;
      await sleep(interval);
    }
    settleIdle();
  };

  const observe = async (namespace: string): Promise<void> => {
    let stopWatch: (() => void) | undefined;
    let endResync: (() => void) | undefined;
    let failures = 0;
    while (!stopped) {
      try {
        const objects = await rt.kube.list(namespace, Ownership.selector);
        const names = new Set(objects.map((o) => `${namespace}/${o.metadata.name}`));
        for (const [id, last] of known) if (id.startsWith(`${namespace}/`) && !names.has(id)) enqueue(last, true);
        for (const object of objects) enqueue(object, false);
        failures = 0;
        await new Promise<void>((resolve) => {
          const resync = setTimeout(resolve, rt.config.status_resync_seconds * 1000);
          resync.unref?.();
          endResync = () => {
            clearTimeout(resync);
            resolve();
          };
          endResyncs.add(endResync);
          if (!rt.kube.watch) return;
          const onEvent = (event: WatchEvent): void => enqueue(event.object, event.type === 'DELETED');
          const onDone = (error?: unknown): void => {
            if (error) rt.logger.warn({ error: (error as Error).message }, 'watch of InferenceServices ended; listing again');
            endResync?.();
          };
          rt.kube.watch(namespace, Ownership.selector, onEvent, onDone).then((handle) => {
            if (stopped) handle.stop();
            else stopWatch = handle.stop;
          }, onDone);
        });
        if (stopWatch) {
          stopWatch();
          stopWatches.delete(stopWatch);
          stopWatch = undefined;
        }
        if (endResync) endResyncs.delete(endResync);
      } catch (error) {
        failures += 1;
        rt.logger.warn({ error: (error as Error).message }, 'listing InferenceServices for status failed; retrying');
        await sleep(Math.min(1000 * 2 ** failures, 30_000));
      }
    }
  };

  void work();
  for (const namespace of serviceNamespaces(rt.config)) void observe(namespace);
  return {
    stop: () => {
      stopped = true;
      for (const stop of stopWatches) stop();
      for (const end of endResyncs) end();
      wake?.();
    },
    idle: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        settleIdle();
      }),
  };
}
