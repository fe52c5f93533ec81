import type { InferenceServiceManifest } from '../render/inference-service-manifest.js';
import type { Mlmodel } from './parse-mlmodel.js';
import { type ModelRuntimeRequest, runtimeProblem } from './runtime-problem.js';
import type { ServingRuntimeSummary } from './serving-runtime-summary.js';

/** What {@link preflightProblems} judges: the rendered InferenceService and the model's `MLmodel` as MLflow served it. */
export interface PreflightInput {
  manifest: InferenceServiceManifest;
  /** The parsed `MLmodel`; `null` when MLflow reports that the version has none; a string when it could not be read as one. */
  mlmodel: Mlmodel | null | string;
  /** The ServingRuntimes of the service's namespace and the ClusterServingRuntimes (a cluster target); not checked when absent. */
  runtimes?: ServingRuntimeSummary[] | undefined;
}

/**
 * The flavor each model format's runtime loads, where it is known. `mlflow` is served by MLServer's MLflow
 * runtime, which loads the model with `mlflow.pyfunc.load_model`; that refuses a model without the
 * `python_function` flavor (MLflow's `mlflow/pyfunc/__init__.py`) and one whose artifacts are external.
 */
const flavorFor: Record<string, string> = { mlflow: 'python_function' };

/**
 * Why KServe could not serve this model as the manifest asks, known before anything is written: no `MLmodel`
 * where the version's files are, an `MLmodel` that is not MLflow's, a model format whose runtime needs a flavor
 * the model was not saved with, artifacts MLflow keeps outside the model's folder, or (given the cluster's runtimes) no
 * runtime KServe would choose for the predictor ({@link runtimeProblem}). Empty: nothing found. A manifest without
 * `spec.predictor.model.modelFormat` (a custom predictor) is only checked for `MLmodel`.
 *
 * @example
 * ```ts
 * preflightProblems({ manifest, mlmodel: null });
 * // ['MLflow has no MLmodel file for this version: its files are not an MLflow model KServe can load']
 * ```
 */
export function preflightProblems(input: PreflightInput): string[] {
  const problems = mlmodelProblems(input);
  const request = runtimeRequestOf(input.manifest);
  const runtime = request && input.runtimes ? runtimeProblem(request, input.runtimes) : undefined;
  return runtime ? [...problems, runtime] : problems;
}

function mlmodelProblems(input: PreflightInput): string[] {
  const { mlmodel } = input;
  if (mlmodel === null) return ['MLflow has no MLmodel file for this version: its files are not an MLflow model KServe can load'];
  if (typeof mlmodel === 'string') return [`the version's MLmodel cannot be read (${mlmodel})`];
  const problems: string[] = [];
  if (mlmodel.external) {
    problems.push(
      "MLflow marks the model's artifacts as external (stored outside its folder): KServe's storage initializer cannot fetch them",
    );
  }
  const format = modelFormatOf(input.manifest);
  const needed = format === undefined ? undefined : flavorFor[format];
  if (needed && !mlmodel.flavors.includes(needed)) {
    const saved = mlmodel.flavors.length > 0 ? mlmodel.flavors.join(', ') : 'none';
    problems.push(`model format "${format}" needs the "${needed}" flavor, but the model was saved with: ${saved}`);
  }
  return problems;
}

function modelFormatOf(manifest: InferenceServiceManifest): string | undefined {
  return runtimeRequestOf(manifest)?.format.name;
}

type PredictorSpec = {
  workerSpec?: unknown;
  model?: { modelFormat?: { name?: unknown; version?: unknown }; runtime?: unknown; protocolVersion?: unknown };
};

/** What `spec.predictor.model` asks of a runtime; `undefined` for a predictor without `model.modelFormat`. */
function runtimeRequestOf(manifest: InferenceServiceManifest): ModelRuntimeRequest | undefined {
  const predictor = (manifest.spec as { predictor?: PredictorSpec } | undefined)?.predictor;
  const model = predictor?.model;
  const name = model?.modelFormat?.name;
  if (typeof name !== 'string') return undefined;
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  return {
    namespace: manifest.metadata.namespace,
    format: { name, version: text(model?.modelFormat?.version) },
    runtime: text(model?.runtime),
    protocolVersion: text(model?.protocolVersion),
    multiNode: predictor?.workerSpec !== undefined && predictor.workerSpec !== null,
  };
}
