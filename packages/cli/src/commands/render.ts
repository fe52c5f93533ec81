import {
  buildManifest,
  createRuntime,
  inferenceServiceName,
  loadTemplate,
  renderManifest,
  templateValuesFor,
  type InferenceServiceManifest,
} from '@mlflow-kserve/core';
import { stringify } from 'yaml';
import type { CliIo, ExitCode } from '../cli-io.js';
import { createPorts } from '../create-ports.js';
import { loadCliConfig, type TargetOptions } from '../load-cli-config.js';

/** Options of `mlflow-kserve render`. */
export interface RenderOptions extends TargetOptions {
  model: string;
  version: string;
  storageUri?: string;
  runId?: string;
  experimentId?: string;
  fromMlflow?: boolean;
  output?: string;
}

/**
 * `render`: prints the InferenceService for given values, or for a model version read from MLflow.
 *
 * @example
 * ```ts
 * await render({ model: 'iris', version: '3', storageUri: 's3://b/iris' }, io);
 * ```
 */
export async function render(options: RenderOptions, io: CliIo): Promise<ExitCode> {
  const config = loadCliConfig(io, options, { needsSecret: false });
  let object: InferenceServiceManifest;
  if (options.fromMlflow) {
    const { kube, mlflow } = await createPorts(config, io);
    if (!mlflow) {
      io.stderr('render --from-mlflow needs MLFLOW_KSERVE_MLFLOW_TRACKING_URI.\n');
      return 2;
    }
    const version = await mlflow.getModelVersion(options.model, options.version);
    if (!version) {
      io.stderr(`Model version ${options.model} ${options.version} does not exist in MLflow.\n`);
      return 1;
    }
    ({ object } = await buildManifest(createRuntime({ config, kube, mlflow }), options.model, options.version, version));
  } else {
    if (!options.storageUri) {
      io.stderr('render needs --storage-uri, or --from-mlflow to read the version from MLflow.\n');
      return 2;
    }
    const namespace = config.kube_namespace;
    const values = templateValuesFor({
      name: inferenceServiceName(options.model, options.version, { namespace }),
      namespace,
      modelName: options.model,
      modelVersion: options.version,
      storageUri: options.storageUri,
      runId: options.runId,
      experimentId: options.experimentId,
      resources: {
        cpuRequest: config.predictor_cpu_request,
        cpuLimit: config.predictor_cpu_limit,
        memoryRequest: config.predictor_memory_request,
        memoryLimit: config.predictor_memory_limit,
      },
    });
    ({ object } = renderManifest(loadTemplate(config.inference_service_template), values));
  }
  io.stdout(options.output === 'json' ? `${JSON.stringify(object, null, 2)}\n` : stringify(object, { lineWidth: 0 }));
  return 0;
}
