/** The variables an InferenceService template can use. Every value is a string. */
export interface TemplateValues {
  name: string;
  namespace: string;
  model_name: string;
  /** The version served (for an alias service: the version the alias points to now). */
  model_version: string;
  /** The alias an alias service follows; `''` for a version's service. */
  alias: string;
  storage_uri: string;
  run_id: string;
  experiment_id: string;
  /** ServingRuntime to use (`kserve.runtime` override); `''`: KServe picks one for the model format. */
  runtime: string;
  /** Model format name (`kserve.model_format`); default `mlflow`. */
  model_format: string;
  /** Inference protocol (`kserve.protocol_version`); default `v2`. */
  protocol_version: string;
  /** `kserve.min_replicas` / `kserve.max_replicas`; `''` when not given. Written as numbers. */
  min_replicas: string;
  max_replicas: string;
  /** `kserve.gpu_count`; `''` when not given. */
  gpu_count: string;
  predictor_cpu_request: string;
  predictor_cpu_limit: string;
  predictor_memory_request: string;
  predictor_memory_limit: string;
  /** `model_name` made valid as a label value. */
  model_name_label: string;
  /** `model_version` made valid as a label value. */
  model_version_label: string;
  /** `run_id` made valid as a label value. */
  run_id_label: string;
  /** From the version's `MLmodel` (read by the preflight; `''` with `preflight` off or without MLflow): the framework flavor (`sklearn`, …, else `python_function`). */
  flavor: string;
  /** `MLmodel`'s `python_function.python_version`, e.g. `3.11.9`. */
  python_version: string;
  /** The MLflow version that saved the model. */
  mlflow_version: string;
  /** The input signature, compact: `sepal_length:double,species:string` or `tensor:float64[-1,4]`. */
  signature_inputs: string;
}
