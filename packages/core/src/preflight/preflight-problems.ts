import type { InferenceServiceManifest } from '../render/inference-service-manifest.js';
import { formatRules } from './format-rules.js';
import type { PreflightReason } from './preflight-reasons.js';
import type { Mlmodel } from './parse-mlmodel.js';
import { type ModelRuntimeRequest, runtimeProblem } from './runtime-problem.js';
import type { ServingRuntimeSummary } from '../ports/serving-runtime-summary.js';

/** What {@link preflightProblems} judges: the rendered InferenceService and the model's `MLmodel` as MLflow served it. */
export interface PreflightInput {
  manifest: InferenceServiceManifest;
  /** The parsed `MLmodel`; `null` when MLflow reports that the version has none; a string when it could not be read as one. */
  mlmodel: Mlmodel | null | string;
  /** The ServingRuntimes of the service's namespace and the ClusterServingRuntimes (a cluster target); not checked when absent. */
  runtimes?: ServingRuntimeSummary[] | undefined;
}

/** One thing the preflight found: its reason code and what it says. */
export interface PreflightProblem {
  reason: PreflightReason;
  message: string;
}

/**
 * Why KServe could not serve this model as the manifest asks, known before anything is written: no `MLmodel`
 * where the version's files are, an `MLmodel` that is not MLflow's, a model format whose runtime cannot load the
 * files as MLflow saved them ({@link formatRules}), artifacts MLflow keeps outside the model's folder, or (given the cluster's runtimes) no
 * runtime KServe would choose for the predictor ({@link runtimeProblem}). Empty: nothing found. A manifest without
 * `spec.predictor.model.modelFormat` (a custom predictor) is only checked for `MLmodel`.
 *
 * @example
 * ```ts
 * preflightProblems({ manifest, mlmodel: null });
 * // [{ reason: 'no_mlmodel', message: 'MLflow has no MLmodel file for this version: its files are not an MLflow model KServe can load' }]
 * ```
 */
export function preflightProblems(input: PreflightInput): PreflightProblem[] {
  const problems = mlmodelProblems(input);
  const request = runtimeRequestOf(input.manifest);
  const runtime = request && input.runtimes ? runtimeProblem(request, input.runtimes) : undefined;
  return runtime ? [...problems, { reason: 'no_runtime', message: runtime }] : problems;
}

function mlmodelProblems(input: PreflightInput): PreflightProblem[] {
  const { mlmodel } = input;
  if (mlmodel === null) {
    return [
      { reason: 'no_mlmodel', message: 'MLflow has no MLmodel file for this version: its files are not an MLflow model KServe can load' },
    ];
  }
  if (typeof mlmodel === 'string') return [{ reason: 'mlmodel_unreadable', message: `the version's MLmodel cannot be read (${mlmodel})` }];
  const problems: PreflightProblem[] = [];
  if (mlmodel.external) {
    problems.push({
      reason: 'external_artifacts',
      message: "MLflow marks the model's artifacts as external (stored outside its folder): KServe's storage initializer cannot fetch them",
    });
  }
  const format = modelFormatOf(input.manifest);
  const problem = format === undefined ? undefined : formatRules[format]?.problem(mlmodel);
  if (problem) problems.push({ reason: 'flavor_unsupported', message: problem });
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
