import { ownerOf } from '../ownership/ownership.js';
import type { InferenceServiceManifest } from '../render/inference-service-manifest.js';
import type { Runtime } from '../runtime/runtime.js';
import { runChecks } from '../analysis/analysis-checks.js';
import { canaryHealth, canaryRevision, withoutCanary } from './canary-health.js';
import { nextRollout, type RolloutDecision } from './next-rollout.js';
import { noRollout, readRollout } from './rollout-record.js';

/** Input of {@link decideRollout}. */
export interface DecideRolloutInput {
  /** The alias service as it is now, `null` when there is none. */
  existing: InferenceServiceManifest | null;
  /** The version the alias points to in MLflow. */
  wanted: string;
  /** The rollout's steps for this model (configuration, or the model's override). */
  steps: readonly number[];
  /** Observe the canary and run the checks (the leader's queue); otherwise the current step holds. */
  analyze: boolean;
  command?: 'promote' | 'rollback' | undefined;
}

/**
 * The rollout step of `converge` for a key that follows a moving target (an alias): reads the rollout the
 * live service records, observes KServe's readiness of its canary and — when the step's window is complete —
 * runs the analysis checks against the metrics source, and lets {@link nextRollout} decide. KServe's Standard
 * mode has no `canaryTrafficPercent`, so there the move switches at once.
 *
 * @example
 * ```ts
 * const decision = await decideRollout(runtime, { existing, wanted: '4', steps: [10, 50], analyze: true });
 * ```
 */
export async function decideRollout(rt: Runtime, input: DecideRolloutInput): Promise<RolloutDecision> {
  const { existing } = input;
  const config = rt.config;
  const spec = {
    steps: existing && withoutCanary(existing) ? [] : input.steps,
    stepSeconds: config.canary_step_seconds,
    progressDeadlineSeconds: config.canary_progress_deadline_seconds,
    maxFailedChecks: config.canary_max_failed_checks,
  };
  const owner = existing ? ownerOf(existing) : undefined;
  const base = {
    spec,
    wanted: input.wanted,
    served: owner?.managed ? owner.servedVersion : undefined,
    record: existing ? readRollout(existing.metadata.annotations ?? {}) : noRollout,
    now: new Date(rt.nowSeconds ? rt.nowSeconds() * 1000 : Date.now()),
    command: input.command,
    ...(input.analyze && existing ? { health: canaryHealth(existing) } : {}),
  };
  const decision = nextRollout(base);
  if (!decision.needsChecks || !existing) return decision;
  const source = rt.analysis.source;
  const checks = source
    ? await runChecks(
        source,
        await rt.analysis.checks(),
        {
          namespace: existing.metadata.namespace,
          name: existing.metadata.name,
          revision: canaryRevision(existing) ?? '',
          interval: `${config.canary_step_seconds}s`,
        },
        config.canary_no_data,
      )
    : [];
  for (const check of checks) rt.metrics.rolloutCheck?.(check.name, check.ok ? 'pass' : 'fail');
  return nextRollout({ ...base, checks });
}
