import type { InferenceServiceManifest } from '../render/inference-service-manifest.js';
import type { CanaryHealth } from './next-rollout.js';

type Status = {
  observedGeneration?: number;
  deploymentMode?: string;
  conditions?: { type?: string; status?: string; reason?: string; message?: string }[];
  components?: { predictor?: { latestCreatedRevision?: string; latestReadyRevision?: string } };
  modelStatus?: {
    transitionStatus?: string;
    states?: { activeModelState?: string; targetModelState?: string };
    lastFailureInfo?: { reason?: string; message?: string };
  };
};

const failedTransitions = new Set(['BlockedByFailedLoad', 'InvalidSpec']);

/**
 * KServe's readiness of an alias service's canary, from its status: `ready` when KServe has seen the current
 * spec, the predictor's latest created revision is its latest ready one and the service is Ready; `failed`
 * when the model failed to load or the spec is invalid; `pending` otherwise, with why.
 *
 * @example
 * ```ts
 * canaryHealth(isvc); // { state: 'pending', reason: 'revision mlflow-fraud-champion-predictor-00002 is not ready yet' }
 * ```
 */
export function canaryHealth(object: InferenceServiceManifest): CanaryHealth {
  const status = (object.status ?? {}) as Status;
  const model = status.modelStatus;
  const failure = model?.lastFailureInfo;
  // A failure KServe reports for the model now (an old lastFailureInfo alone is history, not a verdict).
  if (failedTransitions.has(model?.transitionStatus ?? '') || model?.states?.targetModelState === 'FailedToLoad') {
    return {
      state: 'failed',
      reason: [failure?.reason ?? status.modelStatus?.transitionStatus, failure?.message].filter(Boolean).join(': '),
    };
  }
  const generation = object.metadata['generation'];
  if (typeof generation === 'number' && (status.observedGeneration ?? 0) < generation) {
    return { state: 'pending', reason: 'KServe has not reconciled the new spec yet' };
  }
  const predictor = status.components?.predictor;
  const created = predictor?.latestCreatedRevision;
  if (!created) return { state: 'pending', reason: 'KServe reports no revision yet' };
  if (predictor?.latestReadyRevision !== created) return { state: 'pending', reason: `revision ${created} is not ready yet` };
  const ready = (status.conditions ?? []).find((c) => c.type === 'Ready');
  if (ready?.status !== 'True') return { state: 'pending', reason: ready?.reason ?? 'the InferenceService is not Ready' };
  return { state: 'ready' };
}

/**
 * The canary's revision (the predictor's latest created one), for the analysis queries.
 *
 * @example
 * ```ts
 * canaryRevision(isvc); // 'mlflow-fraud-champion-predictor-00002'
 * ```
 */
export function canaryRevision(object: InferenceServiceManifest): string | undefined {
  return (object.status as Status | undefined)?.components?.predictor?.latestCreatedRevision;
}

/**
 * Whether KServe runs the service in a mode without `canaryTrafficPercent` (Standard, formerly
 * RawDeployment), as its status or its annotation says.
 *
 * @example
 * ```ts
 * withoutCanary(isvc); // true for serving.kserve.io/deploymentMode: Standard
 * ```
 */
export function withoutCanary(object: { metadata: { annotations?: Record<string, string> | undefined }; status?: unknown }): boolean {
  const mode = (object.status as Status | undefined)?.deploymentMode ?? object.metadata.annotations?.['serving.kserve.io/deploymentMode'];
  return mode === 'Standard' || mode === 'RawDeployment';
}
