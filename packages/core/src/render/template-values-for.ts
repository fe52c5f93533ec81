import { labelValue } from '../naming/label-value.js';
import type { Overrides } from '../overrides/resolve-overrides.js';
import type { TemplateValues } from './template-values.js';

/** Input of {@link templateValuesFor}. */
export interface TemplateValuesInput {
  name: string;
  namespace: string;
  modelName: string;
  modelVersion: string;
  /** The alias, for an alias service. */
  alias?: string | undefined;
  storageUri: string;
  runId?: string | undefined;
  experimentId?: string | undefined;
  resources: { cpuRequest: string; cpuLimit: string; memoryRequest: string; memoryLimit: string };
  /** Per-model overrides from MLflow tags (already validated); they replace the defaults above. */
  overrides?: Overrides;
  /** What the version's `MLmodel` says (the preflight's parsed `Mlmodel` has these), when it was read. */
  mlmodel?: { flavor: string; pythonVersion: string; mlflowVersion: string; signatureInputs: string } | undefined;
  /** The model format chosen from the flavor (`runtime_by_flavor`), when one is; the `model_format` override wins. */
  modelFormat?: string | undefined;
}

/**
 * Builds the full set of template variables, including label-safe variants.
 *
 * @example
 * ```ts
 * templateValuesFor({ name, namespace, modelName: 'iris', modelVersion: '3', storageUri: 's3://b/m', resources });
 * ```
 */
export function templateValuesFor(input: TemplateValuesInput): TemplateValues {
  const runId = input.runId ?? '';
  const o = input.overrides ?? {};
  return {
    name: input.name,
    namespace: input.namespace,
    model_name: input.modelName,
    model_version: input.modelVersion,
    alias: input.alias ?? '',
    storage_uri: input.storageUri,
    run_id: runId,
    experiment_id: input.experimentId ?? '',
    runtime: o.runtime ?? '',
    model_format: o.model_format ?? input.modelFormat ?? 'mlflow',
    protocol_version: o.protocol_version ?? 'v2',
    min_replicas: o.min_replicas ?? '',
    max_replicas: o.max_replicas ?? '',
    gpu_count: o.gpu_count ?? '',
    predictor_cpu_request: o.cpu_request ?? input.resources.cpuRequest,
    predictor_cpu_limit: o.cpu_limit ?? input.resources.cpuLimit,
    predictor_memory_request: o.memory_request ?? input.resources.memoryRequest,
    predictor_memory_limit: o.memory_limit ?? input.resources.memoryLimit,
    model_name_label: labelValue(input.modelName),
    model_version_label: labelValue(input.modelVersion),
    run_id_label: labelValue(runId),
    flavor: input.mlmodel?.flavor ?? '',
    python_version: input.mlmodel?.pythonVersion ?? '',
    mlflow_version: input.mlmodel?.mlflowVersion ?? '',
    signature_inputs: input.mlmodel?.signatureInputs ?? '',
  };
}
