import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import type { DeploymentKey } from '../keys/deployment-key.js';
import { identityOf, serviceNameFor } from '../keys/identity-of.js';
import { withOwnership } from '../ownership/ownership.js';
import type { ModelVersion } from '../ports/mlflow-port.js';
import type { InferenceServiceManifest } from '../render/inference-service-manifest.js';
import { templateValuesFor } from '../render/template-values-for.js';
import { type Overrides, resolveOverrides } from '../overrides/resolve-overrides.js';
import type { Runtime } from '../runtime/runtime.js';
import { isPullableUri, resolveStorageUri } from '../storage/resolve-storage-uri.js';
import type { Mlmodel } from '../preflight/parse-mlmodel.js';
import { readMlmodel } from './read-mlmodel.js';
import { formatRules } from '../preflight/format-rules.js';
import { withRegistryMetadata } from '../render/with-registry-metadata.js';

/**
 * The InferenceService a key should have while `version` is what it serves: storage resolved through MLflow
 * (download URI, run artifact URI), the experiment from the run, values from the configuration, the
 * template rendered, and the ownership label and annotations that record the key. Without MLflow
 * (development, an event-fed port), storage is the event's `source`, else `{storage_uri_base}/{model}/{version}`.
 *
 * With `preflight` on, the version's `MLmodel` is read through MLflow (its template values, the model format
 * `runtime_by_flavor` chooses for its flavor, and what {@link converge} checks before a write).
 *
 * With `metadata_tag_prefix`, the model's and the version's tags under it and their descriptions are copied onto
 * the manifest ({@link withRegistryMetadata}).
 *
 * With `overrides_allowed`, the model's and the version's override tags (`kserve.runtime`, …) are read,
 * checked against the operator's bounds and passed to the template; the canary steps can be one of them.
 *
 * @throws MlflowKserveError `storage_uri_unusable` or `invalid_override` (→ 422), `invalid_template` (→ 500), `mlflow_error` (→ 502).
 * @example
 * ```ts
 * const { manifest, canarySteps } = await desiredManifest(runtime, aliasKey('iris', 'champion'), version);
 * ```
 */
export async function desiredManifest(rt: Runtime, key: DeploymentKey, version: ModelVersion): Promise<DesiredService> {
  const model = key.model;
  const runId = version.runId;
  const source = version.source;
  const downloadUri = isPullableUri(source) ? undefined : await rt.mlflow.getDownloadUri(model, version.version);
  const run = runId ? await rt.mlflow.getRun(runId) : null;
  const storageUri = resolveStorageUri({
    downloadUri: downloadUri ?? undefined,
    source,
    runArtifactUri: run?.artifactUri,
    storageUriBase: rt.config.storage_uri_base,
  });
  const experimentId = run?.experimentId || undefined;
  const registered = await registeredModelFor(rt, model);
  const overrides = overridesFor(rt, model, version, registered?.tags ?? {});
  // A failed read is kept, not thrown: it matters only when something would be written (the preflight throws it
  // then), so a service that is already as it should be keeps converging while MLflow cannot read its store.
  let mlmodel: Mlmodel | null | string | undefined;
  let mlmodelError: unknown;
  if (rt.config.preflight === 'on') {
    try {
      mlmodel = await readMlmodel(rt, version);
    } catch (error) {
      mlmodelError = error;
    }
  }
  const parsed = typeof mlmodel === 'object' && mlmodel !== null ? mlmodel : undefined;
  const namespace = overrides.namespace ?? rt.config.kube_namespace;
  const values = templateValuesFor({
    overrides,
    name: serviceNameFor(key, namespace),
    namespace,
    modelName: model,
    modelVersion: version.version,
    ...identityOf(key).templateValues(key),
    storageUri,
    runId,
    experimentId,
    mlmodel: parsed,
    modelFormat: parsed ? formatForFlavor(rt.config.runtime_by_flavor, parsed) : undefined,
    resources: {
      cpuRequest: rt.config.predictor_cpu_request,
      cpuLimit: rt.config.predictor_cpu_limit,
      memoryRequest: rt.config.predictor_memory_request,
      memoryLimit: rt.config.predictor_memory_limit,
    },
  });
  // Loaded with the first manifest, not at startup: Handlebars and YAML are half of a cold start's code.
  const { renderManifest } = await import('../render/render-manifest.js');
  let rendered = withOverridesListed(renderManifest(rt.template, values).object, rt, overrides);
  if (rt.config.metadata_tag_prefix !== undefined) {
    const { manifest: withTags, skipped } = withRegistryMetadata(rendered, {
      prefix: rt.config.metadata_tag_prefix,
      modelTags: registered?.tags ?? {},
      versionTags: version.tags,
      modelDescription: registered?.description,
      versionDescription: version.description,
    });
    rendered = withTags;
    if (skipped.length > 0) {
      rt.logger.warn(
        { model, version: version.version, tags: skipped },
        'tags not copied: their names cannot be Kubernetes annotation keys',
      );
    }
  }
  const manifest = withOwnership(rendered, key, version.version);
  return { manifest, canarySteps: canaryStepsFor(rt, overrides), mlmodel, ...(mlmodelError === undefined ? {} : { mlmodelError }) };
}

/** The InferenceService a key should have, and the canary steps to use when its version moves. */
export interface DesiredService {
  manifest: InferenceServiceManifest;
  /** Shares in percent, in turn; empty: switch at once. */
  canarySteps: readonly number[];
  /**
   * The version's `MLmodel` as the preflight read it: parsed, `null` (MLflow has none), the reason it is not
   * readable, or `undefined` when not read (`preflight` off, or a registry port that cannot read artifacts).
   */
  mlmodel: Mlmodel | null | string | undefined;
  /** Why reading `MLmodel` failed (MLflow unreachable, or unable to read its artifact store); thrown by the preflight before a write. */
  mlmodelError?: unknown;
}

/**
 * `runtime_by_flavor`'s format for the model's flavor, when its runtime loads the model's files as MLflow saved
 * them ({@link formatRules}); otherwise none (the model stays `mlflow`, which MLServer loads through pyfunc).
 */
function formatForFlavor(mapping: Record<string, string>, mlmodel: Mlmodel): string | undefined {
  const format = mlmodel.flavors.map((flavor) => mapping[flavor]).find((f) => f !== undefined);
  return format !== undefined && formatRules[format]?.problem(mlmodel) === undefined ? format : undefined;
}

/** The model's own steps (`kserve.canary_steps`, `kserve.canary_traffic_percent`), else the operator's. */
function canaryStepsFor(rt: Runtime, overrides: Overrides): readonly number[] {
  if (overrides.canary_steps !== undefined) return overrides.canary_steps.split(',').map((s) => Number(s.trim()));
  if (overrides.canary_traffic_percent !== undefined) return [Number(overrides.canary_traffic_percent)];
  if (rt.config.canary_steps) return rt.config.canary_steps;
  return rt.config.canary_traffic_percent === undefined ? [] : [rt.config.canary_traffic_percent];
}

/** The annotation listing the override tags a service was rendered with (with overrides allowed). */
export const overridesAnnotation = 'mlflow-kserve.io/overrides';

/**
 * With overrides allowed, `mlflow-kserve.io/overrides` lists the ones in effect (empty for none). An override
 * removed in MLflow may leave nothing in the manifest to compare (`minReplicas` is simply absent): the list
 * changes, so the service is updated and server-side apply drops the field.
 */
function withOverridesListed(manifest: InferenceServiceManifest, rt: Runtime, overrides: Overrides): InferenceServiceManifest {
  if (rt.config.overrides_allowed.length === 0) return manifest;
  const names = Object.entries(overrides)
    .filter(([, value]) => value !== undefined)
    .map(([name]) => name)
    .sort();
  return {
    ...manifest,
    metadata: { ...manifest.metadata, annotations: { ...manifest.metadata.annotations, [overridesAnnotation]: names.join(',') } },
  };
}

/**
 * The registered model's tags (and description, when the port reads it), read once when override tags or
 * metadata tags need them; `undefined` when neither does.
 */
async function registeredModelFor(
  rt: Runtime,
  model: string,
): Promise<{ tags: Record<string, string>; description?: string | undefined } | undefined> {
  if (rt.config.overrides_allowed.length === 0 && rt.config.metadata_tag_prefix === undefined) return undefined;
  if (rt.mlflow.getRegisteredModel && rt.config.metadata_tag_prefix !== undefined)
    return (await rt.mlflow.getRegisteredModel(model)) ?? { tags: {} };
  return { tags: (await rt.mlflow.getRegisteredModelTags(model)) ?? {} };
}

/** The model's override tags, validated against the operator's bounds; none when overrides are off. */
function overridesFor(rt: Runtime, model: string, version: ModelVersion, modelTags: Record<string, string>): Overrides {
  if (rt.config.overrides_allowed.length === 0) return {};
  const resolution = resolveOverrides(modelTags, version.tags, rt.config);
  if (resolution.ok) return resolution.overrides;
  throw new MlflowKserveError('invalid_override', `Model ${model} version ${version.version}: ${resolution.problems.join('; ')}.`, {
    retryable: false,
    details: { problems: resolution.problems },
  });
}
