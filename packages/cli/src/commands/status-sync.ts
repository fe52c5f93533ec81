import { syncStatus } from '@mlflow-kserve/core/operations';
import type { CliIo, ExitCode } from '../cli-io.js';
import { commandRuntime } from '../command-runtime.js';
import { formatTable } from '../format-table.js';
import type { TargetOptions } from '../load-cli-config.js';

/**
 * `status sync`: one pass writing the status of every managed InferenceService onto MLflow (for Lambda
 * users, from a CronJob or a scheduled rule; `serve` does this continuously). Exit 1 when a write failed.
 *
 * @example
 * ```ts
 * await statusSync({ output: 'json' }, io);
 * ```
 */
export async function statusSync(options: TargetOptions & { output?: string }, io: CliIo): Promise<ExitCode> {
  const runtime = await commandRuntime(io, options, 'status sync', { mlflow: 'required', kube: true });
  const report = await syncStatus(runtime);
  if (options.output === 'json') io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else {
    if (report.failed.length > 0)
      io.stdout(
        formatTable(
          ['NAME', 'ERROR'],
          report.failed.map((f) => [f.name, f.error]),
        ),
      );
    io.stdout(`${report.services} services, ${report.written} tags written, ${report.failed.length} failed\n`);
  }
  return report.failed.length > 0 ? 1 : 0;
}
