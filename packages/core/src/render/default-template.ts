/**
 * The InferenceService template used when `inference_service_template` is not set: an MLflow model served by KServe's
 * MLflow predictor (MLServer, protocol v2) plus ownership labels and annotations and resource requests; the
 * per-model overrides (runtime, format, protocol, replicas, CPU, memory, GPUs) when a model's tags give them.
 * Variables are Handlebars expressions; quoting them is optional (values are always inserted as strings).
 *
 * @example
 * ```ts
 * renderManifest(defaultTemplate, values);
 * ```
 */
export const defaultTemplate = `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: {{name}}
  namespace: {{namespace}}
  labels:
    managed-by: mlflow-kserve
    mlflow.model: {{model_name_label}}
    mlflow.version: {{model_version_label}}
    mlflow.run-id: {{run_id_label}}
  annotations:
    mlflow-kserve.io/model-name: {{model_name}}
    mlflow-kserve.io/model-version: {{model_version}}
    mlflow-kserve.io/run-id: {{run_id}}
    mlflow-kserve.io/experiment-id: {{experiment_id}}
spec:
  predictor:
{{#if min_replicas}}
    minReplicas: {{min_replicas}}
{{/if}}
{{#if max_replicas}}
    maxReplicas: {{max_replicas}}
{{/if}}
    model:
      modelFormat:
        name: {{model_format}}
{{#if runtime}}
      runtime: {{runtime}}
{{/if}}
      protocolVersion: {{protocol_version}}
      storageUri: {{storage_uri}}
      resources:
        requests:
          cpu: {{predictor_cpu_request}}
          memory: {{predictor_memory_request}}
{{#if gpu_count}}
          nvidia.com/gpu: {{gpu_count}}
{{/if}}
        limits:
          cpu: {{predictor_cpu_limit}}
          memory: {{predictor_memory_limit}}
{{#if gpu_count}}
          nvidia.com/gpu: {{gpu_count}}
{{/if}}
`;
