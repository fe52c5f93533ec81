import { createRuntime, reconcile as runReconcile } from '@mlflow-kserve/core';
import type { CliIo, ExitCode } from '../cli-io.js';
import { createPorts } from '../create-ports.js';
import { formatTable } from '../format-table.js';
import { loadCliConfig, type TargetOptions } from '../load-cli-config.js';

/** Options of `mlflow-kserve reconcile`. */
export interface ReconcileCommandOptions extends TargetOptions {
  dryRun?: boolean;
  output?: string;
}

/**
 * `reconcile`: converges Kubernetes on MLflow's deploy tags and prints the plan and outcome; progress on
 * stderr. Exit 1 when any step failed.
 *
 * @example
 * ```ts
 * await reconcileCommand({ dryRun: true, output: 'table' }, io);
 * ```
 */
export async function reconcileCommand(options: ReconcileCommandOptions, io: CliIo): Promise<ExitCode> {
  const config = loadCliConfig(io, options, { needsSecret: false });
  const { kube, mlflow } = await createPorts(config, io);
  if (!mlflow) {
    io.stderr('reconcile needs MLFLOW_KSERVE_MLFLOW_TRACKING_URI.\n');
    return 2;
  }
  let lastShown = 0;
  const report = await runReconcile(createRuntime({ config, kube, mlflow }), {
    dryRun: Boolean(options.dryRun),
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
        ['ACTION', 'OUTCOME', 'NAME', 'MODEL', 'VERSION', 'ERROR'],
        changes.map((i) => [i.action, i.outcome, i.name, i.model ?? '', i.version ?? '', i.error ?? '']),
      ),
    );
    const c = report.counts;
    io.stdout(
      `${report.dryRun ? 'dry run: ' : ''}${c.create} to create, ${c.update} to update, ${c.delete} to delete, ${c.unchanged} unchanged, ${c.conflict} conflicts, ${c.error} errors in ${report.namespace}\n`,
    );
  }
  return report.failed > 0 ? 1 : 0;
}
