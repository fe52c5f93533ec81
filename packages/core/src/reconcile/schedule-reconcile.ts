import type { Runtime } from '../runtime/runtime.js';
import { type ReconcileOptions, type ReconcileReport, reconcile } from './reconcile.js';

/** A running periodic reconcile. */
export interface ReconcileSchedule {
  /** Runs one reconcile now, unless one is already running (then resolves with `undefined`). */
  runNow(): Promise<ReconcileReport | undefined>;
  /** Stops the timer; a run in progress finishes. */
  stop(): void;
}

/**
 * Reconciles at startup (when `reconcile_on_startup`) and every `reconcile_interval_seconds`; never two at
 * once (a tick that finds one running is skipped); never without MLflow (development). `write` is how each
 * change is converged (the background work's queue). Failures are logged, never thrown. Each run is counted
 * (`reconcileRun` metrics: outcome and the drift it corrected).
 *
 * @example
 * ```ts
 * const schedule = scheduleReconcile(runtime);
 * process.on('SIGTERM', () => schedule.stop());
 * ```
 */
export function scheduleReconcile(rt: Runtime, options: Pick<ReconcileOptions, 'write'> = {}): ReconcileSchedule {
  let running: Promise<ReconcileReport | undefined> | undefined;
  const runNow = async (): Promise<ReconcileReport | undefined> => {
    if (running || rt.recordEvent) {
      if (running) rt.logger.info({}, 'reconcile skipped: the previous one is still running');
      return undefined;
    }
    running = reconcile(rt, options).then(
      (report) => {
        const done = (action: 'create' | 'update' | 'delete') =>
          report.items.filter((item) => item.action === action && item.outcome === 'done').length;
        const outcome = report.blocked ? 'blocked' : report.failed > 0 ? 'partial' : 'success';
        rt.metrics.reconcileRun?.(outcome, { create: done('create'), update: done('update'), delete: done('delete') });
        return report;
      },
      (error: unknown) => {
        rt.logger.error({ error: (error as Error).message }, 'reconcile failed');
        rt.metrics.reconcileRun?.('error', { create: 0, update: 0, delete: 0 });
        return undefined;
      },
    );
    try {
      return await running;
    } finally {
      running = undefined;
    }
  };
  if (rt.config.reconcile_on_startup) void runNow();
  const seconds = rt.config.reconcile_interval_seconds;
  const timer = seconds > 0 ? setInterval(() => void runNow(), seconds * 1000) : undefined;
  timer?.unref();
  return { runNow, stop: () => clearInterval(timer) };
}
