import { aliasKey, converge } from '@mlflow-kserve/core';
import { describeRollout, readRollout, rollback as rollbackAlias } from '@mlflow-kserve/core/operations';
import { promoteKnownAlias } from './promote.js';
import type { CliIo, ExitCode } from '../cli-io.js';
import { commandRuntime } from '../command-runtime.js';
import { type KeyCommandOptions, printResult } from './sync.js';

/**
 * `rollout status <model> <alias>`: where the alias's rollout stands, from its InferenceService (the only
 * place rollout state lives) and MLflow: phase, canary share, versions, step, failed analyses, why.
 *
 * @example
 * ```ts
 * await rolloutStatus('iris-classifier', '@champion', {}, io);
 * ```
 */
export async function rolloutStatus(model: string, alias: string, options: KeyCommandOptions, io: CliIo): Promise<ExitCode> {
  const runtime = await commandRuntime(io, options, 'rollout status', { mlflow: 'required', kube: true });
  const key = aliasKey(model, alias.replace(/^@/, ''));
  const plan = await converge(runtime, key, { dryRun: true });
  const live = await runtime.kube.get(plan.namespace, plan.name);
  if (!live) {
    io.stderr(
      `${model}@${alias.replace(/^@/, '')}: no InferenceService ${plan.namespace}/${plan.name} (${plan.reason ?? 'not deployed yet'}).\n`,
    );
    return 1;
  }
  const record = readRollout(live.metadata.annotations ?? {});
  const percent = (live.spec as { predictor?: { canaryTrafficPercent?: number } } | undefined)?.predictor?.canaryTrafficPercent;
  const status = {
    inference_service: `${plan.namespace}/${plan.name}`,
    alias_points_to: plan.servedVersion ?? null,
    serves: live.metadata.annotations?.['mlflow-kserve.io/model-version'] ?? null,
    rollout: describeRollout(record, percent) ?? 'none',
    canary_percent: percent ?? null,
    ...(record.phase === 'Progressing'
      ? { from: record.from, to: record.to, step: record.step + 1, step_started_at: record.stepStartedAt }
      : {}),
    failed_checks: record.failedChecks,
    ...(record.failedVersion ? { failed_version: record.failedVersion } : {}),
    ...(record.reason ? { reason: record.reason } : {}),
  };
  if (options.output === 'json') io.stdout(`${JSON.stringify(status, null, 2)}\n`);
  else for (const [field, value] of Object.entries(status)) io.stdout(`${field.padEnd(18)} ${value ?? '-'}\n`);
  return 0;
}

/**
 * `rollout promote <model> <alias>`: skips the remaining steps — all traffic to the canary's version now.
 *
 * @example
 * ```ts
 * await rolloutPromote('iris-classifier', 'champion', {}, io);
 * ```
 */
export async function rolloutPromote(model: string, alias: string, options: KeyCommandOptions, io: CliIo): Promise<ExitCode> {
  const runtime = await commandRuntime(io, options, 'rollout promote', { mlflow: 'required', kube: true });
  return promoteKnownAlias(runtime, model, alias, options, io);
}

/**
 * `rollout rollback <model> <alias>`: aborts the rollout now — all traffic back to the previous version,
 * the canary's version recorded as failed.
 *
 * @example
 * ```ts
 * await rolloutRollback('iris-classifier', 'champion', {}, io);
 * ```
 */
export async function rolloutRollback(model: string, alias: string, options: KeyCommandOptions, io: CliIo): Promise<ExitCode> {
  const runtime = await commandRuntime(io, options, 'rollout rollback', { mlflow: 'required', kube: true });
  const result = await rollbackAlias(runtime, model, alias.replace(/^@/, ''), { dryRun: Boolean(options.dryRun) });
  printResult(result, options, io);
  if (result.rollout?.outcome !== 'rolled_back') {
    io.stderr(
      `No rollout of ${model}@${alias.replace(/^@/, '')} was in progress; nothing was rolled back. To go back, move the alias in MLflow.\n`,
    );
    return 1;
  }
  return 0;
}
