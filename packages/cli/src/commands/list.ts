import { createRuntime, listServices } from '@mlflow-kserve/core';
import type { CliIo, ExitCode } from '../cli-io.js';
import { createPorts } from '../create-ports.js';
import { formatTable } from '../format-table.js';
import { loadCliConfig, type TargetOptions } from '../load-cli-config.js';

/**
 * `list`: the managed InferenceServices with their status.
 *
 * @example
 * ```ts
 * await list({ output: 'json' }, io);
 * ```
 */
export async function list(options: TargetOptions & { output?: string }, io: CliIo): Promise<ExitCode> {
  const config = loadCliConfig(io, options, { needsSecret: false });
  const { kube } = await createPorts(config, io);
  const { services } = await listServices(createRuntime({ config, kube, mlflow: undefined }));
  if (options.output === 'json') io.stdout(`${JSON.stringify({ services }, null, 2)}\n`);
  else
    io.stdout(
      formatTable(
        ['NAME', 'MODEL', 'VERSION', 'STATUS', 'REASON', 'URL'],
        services.map((s) => [s.name, s.model_name ?? '', s.model_version ?? '', s.status, s.reason ?? '', s.url ?? '']),
      ),
    );
  return 0;
}
