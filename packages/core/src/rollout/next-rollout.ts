import type { CheckResult } from '../analysis/analysis-checks.js';
import { noRollout, type RolloutRecord } from './rollout-record.js';

export type { CheckResult } from '../analysis/analysis-checks.js';

/** How an alias's rollout proceeds: the shares in turn, how long each must stay healthy, when to give up. */
export interface RolloutSpec {
  /** Canary shares in percent, increasing; empty: switch at once (no rollout). */
  steps: readonly number[];
  stepSeconds: number;
  progressDeadlineSeconds: number;
  maxFailedChecks: number;
}

/** KServe's readiness of the canary's latest revision. */
export type CanaryHealth = { state: 'ready' } | { state: 'pending'; reason: string } | { state: 'failed'; reason: string };

/** Input of {@link nextRollout}. */
export interface RolloutInput {
  spec: RolloutSpec;
  /** The version the alias points to in MLflow now. */
  wanted: string;
  /** The version the live InferenceService serves (its manifest's), `undefined` when there is none. */
  served: string | undefined;
  record: RolloutRecord;
  /** Observations, for a converge that analyses (the leader's queue); absent: hold the current step. */
  health?: CanaryHealth | undefined;
  /** The checks' results over the step's window, when they were run. */
  checks?: readonly CheckResult[] | undefined;
  now: Date;
  /** A person's command: skip the remaining steps, or abort now. */
  command?: 'promote' | 'rollback' | undefined;
}

/** What the rollout needs now. */
export interface RolloutDecision {
  /** The version whose InferenceService is rendered. */
  serve: string;
  /** `canaryTrafficPercent` (the share of the served version's new revision); `undefined`: all traffic. */
  percent: number | undefined;
  record: RolloutRecord;
  /** Converge again after this long (the queue's requeue-after); `undefined`: nothing to wait for. */
  requeueAfterMs: number | undefined;
  /** What happened, for metrics and logs. */
  outcome: 'started' | 'advanced' | 'promoted' | 'rolled_back' | 'reverted' | 'analysed' | undefined;
  /** Whether the checks must be run before deciding (the caller runs them and calls again with `checks`). */
  needsChecks?: boolean;
}

/** How often a pending canary is looked at again. */
const pollMs = 5_000;

/**
 * The rollout of an alias service, decided purely from the spec, the version MLflow wants, what the live
 * service serves and records, KServe's readiness of the canary, the checks and the clock — the state machine
 * of Flagger and Argo Rollouts for a KServe InferenceService. Moving the alias to a new version starts a
 * rollout at the first step; each step advances when the canary is ready and the checks passed over the
 * whole step; after the last step it promotes. A failed canary, a progress deadline passed or too many
 * failed analyses roll back: all traffic to the previous version at once, the failed version recorded so it
 * is not retried while the alias points to it. Moving the alias back to the version that served before is a
 * rollback too, at once, at any time. Without observations (a webhook delivery) the current step holds.
 *
 * @example
 * ```ts
 * nextRollout({ spec, wanted: '4', served: '3', record: noRollout, now: new Date() });
 * // { serve: '4', percent: 10, record: { phase: 'Progressing', from: '3', to: '4', step: 0, … }, outcome: 'started', … }
 * ```
 */
export function nextRollout(input: RolloutInput): RolloutDecision {
  const { spec, wanted, served, record, now } = input;
  const at = now.toISOString();
  const steady = (r: RolloutRecord, outcome?: RolloutDecision['outcome']): RolloutDecision => ({
    serve: wanted,
    percent: undefined,
    record: r,
    requeueAfterMs: undefined,
    outcome,
  });

  if (record.phase === 'Progressing' && record.from !== undefined && record.to !== undefined) {
    const rollback = (reason: string, failedVersion: string | undefined, outcome: 'rolled_back' | 'reverted'): RolloutDecision => ({
      serve: record.from!,
      percent: undefined,
      record: { ...noRollout, phase: 'RolledBack', failedVersion, reason, previous: record.to, failedChecks: record.failedChecks },
      requeueAfterMs: undefined,
      outcome,
    });
    if (wanted === record.from) return rollback(`the alias was moved back to version ${record.from}`, undefined, 'reverted');
    if (wanted !== record.to) {
      // Moved on to a third version mid-rollout: a new rollout from the version that still serves the rest.
      return start(record.from, at, spec, wanted);
    }
    if (input.command === 'rollback') return rollback(`rolled back by a person during step ${record.step + 1}`, record.to, 'rolled_back');
    if (input.command === 'promote' || spec.steps.length === 0) {
      return { ...steady({ ...noRollout, phase: 'Promoted', previous: record.from }), outcome: 'promoted' };
    }
    const step = Math.min(record.step, spec.steps.length - 1);
    const hold: RolloutDecision = {
      serve: record.to,
      percent: spec.steps[step],
      record: { ...record, step },
      requeueAfterMs: undefined,
      outcome: undefined,
    };
    const health = input.health;
    if (!health) return hold;
    const stepStart = Date.parse(record.stepStartedAt ?? record.startedAt ?? at);
    const elapsedMs = now.getTime() - (Number.isNaN(stepStart) ? now.getTime() : stepStart);
    if (health.state === 'failed') return rollback(`the canary failed in KServe: ${health.reason}`, record.to, 'rolled_back');
    if (health.state === 'pending') {
      if (elapsedMs > spec.progressDeadlineSeconds * 1000) {
        return rollback(
          `the canary was not ready within ${spec.progressDeadlineSeconds} s (MLFLOW_KSERVE_CANARY_PROGRESS_DEADLINE_SECONDS): ${health.reason}`,
          record.to,
          'rolled_back',
        );
      }
      return { ...hold, requeueAfterMs: Math.min(pollMs, spec.stepSeconds * 1000) };
    }
    const remaining = spec.stepSeconds * 1000 - elapsedMs;
    if (remaining > 0) return { ...hold, requeueAfterMs: remaining };
    const checks = input.checks;
    if (!checks) return { ...hold, needsChecks: true };
    const failed = checks.filter((c) => !c.ok);
    if (failed.length > 0) {
      const failedChecks = record.failedChecks + 1;
      const reason = failed.map((c) => c.reason).join('; ');
      if (failedChecks >= spec.maxFailedChecks) {
        return rollback(`analysis failed ${failedChecks} time(s) at ${spec.steps[step]}%: ${reason}`, record.to, 'rolled_back');
      }
      return {
        ...hold,
        record: { ...record, step, failedChecks, reason, stepStartedAt: at },
        requeueAfterMs: spec.stepSeconds * 1000,
        outcome: 'analysed',
      };
    }
    if (step + 1 >= spec.steps.length) {
      return {
        ...steady({ ...noRollout, phase: 'Promoted', previous: record.from, failedChecks: record.failedChecks }),
        outcome: 'promoted',
      };
    }
    return {
      serve: record.to,
      percent: spec.steps[step + 1],
      record: { ...record, step: step + 1, stepStartedAt: at, reason: undefined },
      requeueAfterMs: spec.stepSeconds * 1000,
      outcome: 'advanced',
    };
  }

  // No rollout in progress.
  if (record.phase === 'RolledBack' && record.failedVersion !== undefined && wanted === record.failedVersion && served !== undefined) {
    // The alias still points to the version that failed: keep what serves, do not try it again.
    return { serve: served, percent: undefined, record, requeueAfterMs: undefined, outcome: undefined };
  }
  if (served === undefined || served === wanted) return steady(record);
  if (wanted === record.previous || spec.steps.length === 0 || input.command === 'promote') {
    // A person moved the alias back to the version that served before (or no canary is configured): at once.
    const reverted = wanted === record.previous && spec.steps.length > 0;
    return steady(
      reverted
        ? { ...noRollout, phase: 'RolledBack', reason: `the alias was moved back to version ${wanted}`, previous: served }
        : { ...noRollout, previous: served },
      reverted ? 'reverted' : undefined,
    );
  }
  return start(served, at, spec, wanted);
}

function start(from: string, at: string, spec: RolloutSpec, to: string): RolloutDecision {
  return {
    serve: to,
    percent: spec.steps[0],
    record: { ...noRollout, phase: 'Progressing', from, to, step: 0, startedAt: at, stepStartedAt: at, previous: from },
    requeueAfterMs: Math.min(pollMs, spec.stepSeconds * 1000),
    outcome: 'started',
  };
}
