import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import { inferenceServiceName } from '../naming/inference-service-name.js';
import type { ModelVersion } from '../ports/mlflow-port.js';
import { renderManifest, type RenderedManifest } from '../render/render-manifest.js';
import { templateValuesFor } from '../render/template-values-for.js';
import { isPullableUri, resolveStorageUri } from '../storage/resolve-storage-uri.js';
import type { Runtime } from './runtime.js';

/** What the event itself said, used only when MLflow is not configured. */
export interface EventHints {
  runId?: string | undefined;
  experimentId?: string | undefined;
  source?: string | undefined;
}

/**
 * Renders the desired InferenceService for one model version: storage resolved through MLflow
 * (download URI, run artifact URI), experiment id from the run, values from the configuration.
 * Without MLflow (development), storage is `{storage_uri_base}/{model}/{version}`.
 *
 * @example
 * ```ts
 * const { object } = await buildManifest(runtime, 'iris-classifier', '3', version);
 * ```
 */
export async function buildManifest(
  rt: Runtime,
  model: string,
  version: string,
  known: ModelVersion | undefined,
  hints: EventHints = {},
): Promise<RenderedManifest> {
  const namespace = rt.config.kube_namespace;
  const name = inferenceServiceName(model, version, { namespace });
  const runId = known?.runId ?? hints.runId;
  let storageUri: string;
  let experimentId = hints.experimentId;
  if (rt.mlflow) {
    const source = known?.source ?? hints.source;
    const downloadUri = isPullableUri(source) ? undefined : await rt.mlflow.getDownloadUri(model, version);
    const run = runId ? await rt.mlflow.getRun(runId) : null;
    experimentId = run?.experimentId || experimentId;
    storageUri = resolveStorageUri({
      downloadUri: downloadUri ?? undefined,
      source,
      runArtifactUri: run?.artifactUri,
      storageUriBase: rt.config.storage_uri_base,
    });
  } else {
    if (!rt.config.storage_uri_base && !hints.source) {
      throw new MlflowKserveError(
        'storage_uri_unusable',
        'Without MLflow the storage URI is {storage_uri_base}/{model}/{version}: set MLFLOW_KSERVE_STORAGE_URI_BASE.',
        { retryable: false },
      );
    }
    storageUri = hints.source
      ? resolveStorageUri({ source: hints.source, storageUriBase: rt.config.storage_uri_base })
      : `${rt.config.storage_uri_base!.replace(/\/+$/, '')}/${encodeURIComponent(model)}/${encodeURIComponent(version)}`;
  }
  const values = templateValuesFor({
    name,
    namespace,
    modelName: model,
    modelVersion: version,
    storageUri,
    runId,
    experimentId,
    resources: {
      cpuRequest: rt.config.predictor_cpu_request,
      cpuLimit: rt.config.predictor_cpu_limit,
      memoryRequest: rt.config.predictor_memory_request,
      memoryLimit: rt.config.predictor_memory_limit,
    },
  });
  return renderManifest(rt.template, values);
}
