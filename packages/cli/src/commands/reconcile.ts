import { reconcile as runReconcile } from '@mlflow-kserve/core/operations';
import type { CliIo, ExitCode } from '../cli-io.js';
import { commandRuntime } from '../command-runtime.js';
import { formatTable } from '../format-table.js';
import type { TargetOptions } from '../load-cli-config.js';

/** Options of `mlflow-kserve reconcile`. */
export interface ReconcileCommandOptions extends TargetOptions {
  dryRun?: boolean;
  allowMassDelete?: boolean;
  output?: string;
}

/**
 * `reconcile`: converges Kubernetes on MLflow (deploy tags and configured aliases) and prints the plan and
 * outcome; progress on stderr. Exit 1 when any step failed or the mass-delete guard stopped the run.
 *
 * @example
 * ```ts
 * await reconcileCommand({ dryRun: true, output: 'table' }, io);
 * ```
 */
export async function reconcileCommand(options: ReconcileCommandOptions, io: CliIo): Promise<ExitCode> {
  const runtime = await commandRuntime(io, options, 'reconcile', { mlflow: 'required', kube: true });
  let lastShown = 0;
  const report = await runReconcile(runtime, {
    dryRun: Boolean(options.dryRun),
    allowMassDelete: Boolean(options.allowMassDelete),
    onProgress: (done, total) => {
      if (total >= 50 && (done === total || Date.now() - lastShown > 1000)) {
        lastShown = Date.now();
        io.stderr(`reconcile: ${done}/${total}\n`);
      }
    },
  });
  if (options.output === 'json') {
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    const changes = report.items.filter((i) => i.action !== 'unchanged');
    io.stdout(
      formatTable(
        ['ACTION', 'OUTCOME', 'NAME', 'MODEL', 'VERSION', 'ALIAS', 'ERROR'],
        changes.map((i) => [i.action, i.outcome, i.name, i.model ?? '', i.version ?? '', i.alias ?? '', i.error ?? '']),
      ),
    );
    const c = report.counts;
    io.stdout(
      `${report.dryRun ? 'dry run: ' : ''}${c.create} to create, ${c.update} to update, ${c.delete} to delete, ${c.unchanged} unchanged, ${c.conflict} conflicts, ${c.rejected} rejected, ${c.error} errors in ${report.namespace}\n`,
    );
  }
  if (report.blocked) io.stderr(`error: ${report.blocked}\n`);
  return report.failed > 0 || report.blocked ? 1 : 0;
}
