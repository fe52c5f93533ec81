import { hostname } from 'node:os';
import { kubeTarget } from '../config/kube-target.js';
import { startLeaderElection } from '../leader/start-leader-election.js';
import type { LeasePort } from '../ports/lease-port.js';
import { scheduleReconcile } from '../reconcile/schedule-reconcile.js';
import type { Runtime } from '../runtime/runtime.js';
import { startStatusWriter } from '../status/start-status-writer.js';
import { statusWritebackEnabled } from '../status/status-writeback-enabled.js';

/** Background work in progress. */
export interface BackgroundWork {
  /** Whether this replica runs the background work now (always true without leader election). */
  isLeader(): boolean;
  /** Stops the work and, when leading, releases the Lease. */
  stop(): Promise<void>;
}

/**
 * The work a long-running listener does besides answering webhooks: the periodic reconcile and, for a
 * cluster target, the status writer. With leader election (`leader_election`, on by default for a cluster
 * target), only the holder of the Lease `leader_election_lease_name` runs it — losing the Lease stops it at
 * once — while every replica keeps serving webhooks.
 *
 * @example
 * ```ts
 * const { runtime, leases } = await assembleMlflowKserve();
 * const background = startBackgroundWork(runtime, leases);
 * process.once('SIGTERM', () => void background.stop());
 * ```
 */
export function startBackgroundWork(rt: Runtime, leases: LeasePort | undefined): BackgroundWork {
  const cluster = kubeTarget(rt.config).kind === 'cluster';
  const writeback = cluster && statusWritebackEnabled(rt.config);
  let running: { stop(): void }[] = [];
  const start = (): void => {
    running = [scheduleReconcile(rt), ...(writeback ? [startStatusWriter(rt)] : [])];
    rt.metrics.leader?.(true);
  };
  const stopWork = (): void => {
    for (const work of running) work.stop();
    running = [];
    rt.metrics.leader?.(false);
  };
  const elect = (rt.config.leader_election ?? cluster) && leases !== undefined;
  if (!elect) {
    start();
    return { isLeader: () => true, stop: async () => stopWork() };
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
  return { isLeader: () => election.isLeader(), stop: () => election.stop() };
}
