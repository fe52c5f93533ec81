import { hostname } from 'node:os';
import { kubeTarget } from '../config/kube-target.js';
import { type ConvergeResult, converge } from '../converge/converge.js';
import type { DeploymentKey } from '../keys/deployment-key.js';
import { describeKey } from '../keys/identity-of.js';
import { startLeaderElection } from '../leader/start-leader-election.js';
import type { LeasePort } from '../ports/lease-port.js';
import { createTaskQueue, type Task } from '../queue/task.js';
import type { WorkQueue } from '../queue/work-queue.js';
import { scheduleReconcile } from '../reconcile/schedule-reconcile.js';
import type { Runtime } from '../runtime/runtime.js';
import { liveStatusSource } from '../status/live-status-source.js';
import { startStatusWriter } from '../status/start-status-writer.js';
import { statusWritebackEnabled } from '../status/status-writeback-enabled.js';
import { keepWebhookEnsured } from '../webhooks/keep-webhook-ensured.js';
import type { InferenceServiceManifest } from '../render/inference-service-manifest.js';
import { readRollout } from '../rollout/rollout-record.js';

/** Background work in progress. */
export interface BackgroundWork {
  /** Whether this replica runs the background work now (always true without leader election). */
  isLeader(): boolean;
  /** The work queue while this replica runs the background work (for more keyed work, e.g. rollouts). */
  queue(): WorkQueue<Task> | undefined;
  /** Stops the work and, when leading, releases the Lease. */
  stop(): Promise<void>;
}

/**
 * The converge task of one key: converges it when the queue gets to it; a failure is retried by the queue
 * with backoff.
 *
 * @example
 * ```ts
 * queue.add(convergeTask(runtime, versionKey('iris', '3')));
 * ```
 */
export function convergeTask(rt: Runtime, key: DeploymentKey, onResult?: (result: ConvergeResult) => void): Task {
  return {
    id: `converge:${describeKey(key)}`,
    run: async () => {
      // The leader's converges analyse a rollout's canary and move it on; a waiting rollout asks to be run again.
      const result = await converge(rt, key, { analyze: true });
      onResult?.(result);
      return result.requeueAfterMs === undefined ? undefined : { requeueAfterMs: result.requeueAfterMs };
    },
  };
}

/** A rollout in progress on `object`: its key's converge goes on the queue (a restart or a new leader continues it). */
function rolloutTasks(rt: Runtime, key: DeploymentKey, object: InferenceServiceManifest | null): Task[] {
  return object && readRollout(object.metadata.annotations ?? {}).phase === 'Progressing' ? [convergeTask(rt, key)] : [];
}

/**
 * Everything a long-running listener does besides answering webhooks, on one work queue: the periodic
 * reconcile (whose writes go through the queue), the status writer (write-back, where services are live: a cluster
 * target, or a Git target with `git_status_from_cluster`) and
 * keeping MLflow's webhook set up (`webhook_public_url`). With leader election (`leader_election`, on by
 * default for a cluster target), only the holder of the Lease `leader_election_lease_name` runs it — losing
 * the Lease stops it at once — while every replica keeps serving webhooks. Without MLflow (development)
 * there is nothing to reconcile or report.
 *
 * @example
 * ```ts
 * const background = startBackgroundWork(runtime, leases);
 * process.once('SIGTERM', () => void background.stop());
 * ```
 */
export function startBackgroundWork(rt: Runtime, leases: LeasePort | undefined): BackgroundWork {
  const cluster = kubeTarget(rt.config).kind === 'cluster';
  const mlflow = !rt.recordEvent;
  // A Git target with git_status_from_cluster reads the cluster its files are applied to.
  const writeback = liveStatusSource(rt) !== undefined && mlflow && statusWritebackEnabled(rt.config);
  const rollouts = cluster && mlflow && rt.config.deploy_aliases.length > 0;
  let running: { stop(): void }[] = [];
  let queue: WorkQueue<Task> | undefined;
  const start = (): void => {
    const q = createTaskQueue({
      concurrency: rt.config.reconcile_concurrency,
      ratePerSecond: 20,
      onError: (id, error, attempt, retryInMs) =>
        rt.logger.warn({ task: id, attempt, retry_in_ms: retryInMs, error: (error as Error).message }, 'background task failed; retrying'),
    });
    queue = q;
    const write = async (key: DeploymentKey): Promise<ConvergeResult | undefined> => {
      let result: ConvergeResult | undefined;
      await q.run(
        convergeTask(rt, key, (r) => {
          result = r;
        }),
      );
      return result;
    };
    // A target whose writes land together (Git) converges a reconcile's keys in its one change (one commit).
    const reconciles = mlflow ? scheduleReconcile(rt, rt.kube.change ? {} : { write }) : undefined;
    // A rewritten history (a force-push to the Git target's branch) may have dropped files MLflow still wants: a
    // reconcile restores them now, not at the next interval (or never, with none configured).
    const stopRewrites = reconciles && rt.kube.onRewritten?.(() => void reconciles.runNow());
    running = [
      ...(reconciles ? [reconciles] : []),
      ...(stopRewrites ? [{ stop: stopRewrites }] : []),
      // The status writer's watch also continues rollouts (a restart or a new leader picks them up).
      ...(writeback || rollouts
        ? [
            startStatusWriter(rt, {
              queue: q,
              writeStatus: writeback,
              ...(cluster ? { tasksFor: (key, object) => rolloutTasks(rt, key, object) } : {}),
            }),
          ]
        : []),
      { stop: keepWebhookEnsured(rt) },
      q,
    ];
    rt.metrics.leader?.(true);
  };
  const stopWork = (): void => {
    for (const work of running) work.stop();
    running = [];
    queue = undefined;
    rt.metrics.leader?.(false);
  };
  const elect = (rt.config.leader_election ?? cluster) && leases !== undefined;
  if (!elect) {
    start();
    return { isLeader: () => true, queue: () => queue, stop: async () => stopWork() };
  }
  const election = startLeaderElection({
    leases,
    namespace: rt.config.kube_namespace,
    name: rt.config.leader_election_lease_name,
    identity: rt.config.pod_name ?? hostname(),
    logger: rt.logger,
    onStartedLeading: start,
    onStoppedLeading: stopWork,
  });
  return { isLeader: () => election.isLeader(), queue: () => queue, stop: () => election.stop() };
}
