import { type AssembleOptions, type Assembly, assembleMlflowKserve } from '@mlflow-kserve/core/assemble';

/** Options of {@link createScheduledHandler}; everything defaults from `MLFLOW_KSERVE_*` variables. */
export interface ScheduledHandlerOptions extends AssembleOptions {
  /** What each scheduled run does. Default both: the reconcile, then a status pass (when write-back is on). */
  tasks?: readonly ('reconcile' | 'status')[];
}

/** What one scheduled run did. */
export interface ScheduledRunResult {
  reconcile?: { counts: Record<string, number>; failed: number; blocked: string | undefined };
  status?: { services: number; written: number; failed: number };
}

/**
 * The background work a Lambda cannot run between invocations, as a handler for a schedule (an EventBridge
 * rule, e.g. `rate(10 minutes)`): one reconcile (`mlflow-kserve reconcile`) and one status pass
 * (`mlflow-kserve status sync`, when status write-back is on), built on the same assembly as the webhook
 * handler. The invocation fails (so the schedule's retry and alarms see it) when a step fails, when any key
 * failed, or when the mass-delete guard held the reconcile back; what it did is logged and returned.
 *
 * @example
 * ```ts
 * import { createScheduledHandler } from '@mlflow-kserve/lambda';
 * export const handler = createScheduledHandler();
 * ```
 */
export function createScheduledHandler(options: ScheduledHandlerOptions = {}): (event?: unknown) => Promise<ScheduledRunResult> {
  const { tasks = ['reconcile', 'status'], ...assemble } = options;
  let assembly: Promise<Assembly> | undefined;
  return async () => {
    assembly ??= assembleMlflowKserve(assemble);
    const { runtime, logger } = await assembly.catch((error: unknown) => {
      assembly = undefined;
      throw error;
    });
    // Loaded here, not at import: the webhook handler's bundle never needs reconcile or the renderer.
    const { liveStatusSource, reconcile, statusWritebackEnabled, syncStatus } = await import('@mlflow-kserve/core/operations');
    const result: ScheduledRunResult = {};
    const problems: string[] = [];
    if (tasks.includes('reconcile')) {
      const report = await reconcile(runtime);
      result.reconcile = { counts: report.counts, failed: report.failed, blocked: report.blocked };
      if (report.blocked) problems.push(report.blocked);
      if (report.failed > 0) problems.push(`reconcile: ${report.failed} step(s) failed`);
    }
    // A directory or Git target alone has no live status to sync (its keys show Rendered or Committed).
    if (tasks.includes('status') && statusWritebackEnabled(runtime.config) && liveStatusSource(runtime)) {
      const report = await syncStatus(runtime);
      result.status = { services: report.services, written: report.written, failed: report.failed.length };
      if (report.failed.length > 0) problems.push(`status: ${report.failed.length} key(s) failed`);
    }
    logger.info({ ...result }, 'scheduled run finished');
    if (problems.length > 0) throw new Error(`Scheduled run incomplete: ${problems.join('; ')}. See the log for each key.`);
    return result;
  };
}
