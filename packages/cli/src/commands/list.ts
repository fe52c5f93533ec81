import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { listServices } from '@mlflow-kserve/core/operations';
import { kubeTarget } from '@mlflow-kserve/core/assemble';
import type { CliIo, ExitCode } from '../cli-io.js';
import { commandRuntime } from '../command-runtime.js';
import { formatTable } from '../format-table.js';
import type { TargetOptions } from '../load-cli-config.js';

/**
 * `list`: the managed InferenceServices with their status (version services and alias services).
 *
 * @example
 * ```ts
 * await list({ output: 'json' }, io);
 * ```
 */
export async function list(options: TargetOptions & { output?: string }, io: CliIo): Promise<ExitCode> {
  const runtime = await commandRuntime(io, options, 'list', { mlflow: 'none', kube: true });
  const target = kubeTarget(runtime.config);
  if (target.kind === 'directory' && !io.ports?.kube && !existsSync(join(target.path, runtime.config.kube_namespace))) {
    io.stderr(`note: ${join(target.path, runtime.config.kube_namespace)} does not exist yet: nothing has been written to this target.\n`);
  }
  const { services, warnings } = await listServices(runtime);
  for (const warning of warnings ?? []) io.stderr(`warning: ${warning}\n`);
  if (options.output === 'json') io.stdout(`${JSON.stringify({ services }, null, 2)}\n`);
  else
    io.stdout(
      formatTable(
        ['NAME', 'MODEL', 'VERSION', 'ALIAS', 'STATUS', 'REASON', 'URL'],
        services.map((s) => [
          s.name,
          s.model_name ?? '',
          s.model_version ?? '',
          s.model_alias ?? '',
          s.status,
          s.reason ?? '',
          s.url ?? '',
        ]),
      ),
    );
  return 0;
}
