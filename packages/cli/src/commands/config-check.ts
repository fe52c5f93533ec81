import { inferenceServiceName, loadTemplate, redactConfig, renderManifest, templateValuesFor } from '@mlflow-kserve/core';
import type { CliIo, ExitCode } from '../cli-io.js';
import { loadCliConfig, type TargetOptions } from '../load-cli-config.js';

/**
 * `config check`: validates the configuration and the template (rendered with sample values) and prints
 * the effective settings with secrets redacted. Exit 1 with every problem listed when invalid.
 *
 * @example
 * ```ts
 * await configCheck({}, io);
 * ```
 */
export async function configCheck(options: TargetOptions, io: CliIo): Promise<ExitCode> {
  const config = loadCliConfig(io, options, { needsSecret: true });
  const namespace = config.kube_namespace;
  renderManifest(
    loadTemplate(config.inference_service_template),
    templateValuesFor({
      name: inferenceServiceName('example-model', '1', { namespace }),
      namespace,
      modelName: 'example-model',
      modelVersion: '1',
      storageUri: 's3://bucket/example',
      runId: '0123456789abcdef0123456789abcdef',
      experimentId: '1',
      resources: {
        cpuRequest: config.predictor_cpu_request,
        cpuLimit: config.predictor_cpu_limit,
        memoryRequest: config.predictor_memory_request,
        memoryLimit: config.predictor_memory_limit,
      },
    }),
  );
  io.stdout(`${JSON.stringify(redactConfig(config), null, 2)}\n`);
  io.stderr('configuration ok; template renders a valid InferenceService\n');
  return 0;
}
