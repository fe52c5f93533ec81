import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import type { DeploymentKey } from '../keys/deployment-key.js';
import { describeKey, identityOf } from '../keys/identity-of.js';
import type { InferenceServiceManifest } from '../render/inference-service-manifest.js';
import { decideRollout } from '../rollout/decide-rollout.js';
import type { RolloutDecision } from '../rollout/next-rollout.js';
import { rolloutAnnotations } from '../rollout/rollout-record.js';
import type { Runtime } from '../runtime/runtime.js';
import { type DesiredService, desiredManifest } from './desired-manifest.js';

/**
 * The rollout step of {@link converge} for a key whose served version can move (an alias): decides the
 * rollout ({@link decideRollout}) and returns the InferenceService it calls for — the version to serve (the
 * canary's, or the previous one after a rollback), `canaryTrafficPercent`, and the rollout recorded in
 * annotations.
 *
 * @throws MlflowKserveError `mlflow_error` when the version to roll back to cannot be read.
 */
export async function rolloutStep(
  rt: Runtime,
  key: DeploymentKey,
  desired: DesiredService,
  existing: InferenceServiceManifest | null,
  wanted: string,
  options: { analyze?: boolean | undefined; command?: 'promote' | 'rollback' | undefined },
): Promise<{ desired: DesiredService; decision: RolloutDecision }> {
  const decision = await decideRollout(rt, {
    existing,
    wanted,
    steps: desired.canarySteps,
    analyze: Boolean(options.analyze),
    command: options.command,
  });
  let served = desired;
  if (decision.serve !== wanted) {
    const version = await rt.mlflow.getModelVersion(key.model, decision.serve);
    if (!version) {
      throw new MlflowKserveError(
        'mlflow_error',
        `${describeKey(key)} should go back to version ${decision.serve}, which no longer exists in MLflow; the running service is kept. Point the alias at a version that exists.`,
        { retryable: false },
      );
    }
    served = await desiredManifest(rt, key, version);
  }
  const manifest = served.manifest;
  const predictor = (manifest.spec as { predictor?: Record<string, unknown> } | undefined)?.predictor;
  const spec =
    predictor && decision.percent !== undefined
      ? { ...manifest.spec, predictor: { ...predictor, canaryTrafficPercent: decision.percent } }
      : manifest.spec;
  return {
    desired: {
      ...served,
      manifest: {
        ...manifest,
        metadata: { ...manifest.metadata, annotations: { ...manifest.metadata.annotations, ...rolloutAnnotations(decision.record) } },
        ...(spec === undefined ? {} : { spec }),
      },
    },
    decision,
  };
}

/**
 * After a rollout's write: counts what happened, and after an automatic rollback with
 * `rollback_moves_alias` moves the alias back in MLflow, so the registry tells the truth (the write of the
 * rollback stands whether or not that succeeds).
 */
export async function afterRollout(rt: Runtime, key: DeploymentKey, decision: RolloutDecision): Promise<void> {
  const alias = identityOf(key).templateValues(key).alias;
  if (alias !== undefined) rt.metrics.rolloutPercent?.(key.model, alias, decision.percent ?? 0);
  if (!decision.outcome || decision.outcome === 'analysed') return;
  rt.metrics.rollout?.(decision.outcome);
  rt.logger.info(
    { key: describeKey(key), rollout: decision.outcome, percent: decision.percent, serves: decision.serve, reason: decision.record.reason },
    'rollout moved on',
  );
  if (decision.outcome !== 'rolled_back' || !rt.config.rollback_moves_alias || alias === undefined) return;
  try {
    await rt.mlflow.setModelVersionAlias(key.model, alias, decision.serve);
  } catch (error) {
    rt.logger.warn(
      { key: describeKey(key), error: (error as Error).message },
      'moving the alias back in MLflow after the rollback failed; the rollback itself stands',
    );
  }
}
