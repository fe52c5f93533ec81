import type { Runtime } from '@mlflow-kserve/core';
import { converge } from '@mlflow-kserve/core';
import { aliasKey } from '@mlflow-kserve/core';
import { promote as promoteAlias } from '@mlflow-kserve/core/operations';
import type { CliIo, ExitCode } from '../cli-io.js';
import { commandRuntime } from '../command-runtime.js';
import { type KeyCommandOptions, printResult } from './sync.js';

/**
 * Promotes `model@alias` when MLflow wants its service; otherwise says what was not found and returns 1,
 * writing nothing (a promote never removes a service). Shared by `promote` and `rollout promote`.
 */
export async function promoteKnownAlias(
  runtime: Runtime,
  model: string,
  alias: string,
  options: KeyCommandOptions,
  io: CliIo,
): Promise<ExitCode> {
  const name = alias.replace(/^@/, '');
  const plan = await converge(runtime, aliasKey(model, name), { dryRun: true });
  if (!plan.wanted) {
    io.stderr(`${model}@${name}: nothing to promote: ${plan.reason ?? 'MLflow wants no service for it'}.\n`);
    return 1;
  }
  printResult(await promoteAlias(runtime, model, name, { dryRun: Boolean(options.dryRun) }), options, io);
  return 0;
}

/**
 * `promote <model> <alias>`: ends a canary rollout — all traffic to the version the alias points to now.
 * Rolling back is moving the alias back in MLflow. Exit 1 when the model or alias does not exist.
 *
 * @example
 * ```ts
 * await promote('iris-classifier', 'champion', {}, io);
 * ```
 */
export async function promote(model: string, alias: string, options: KeyCommandOptions, io: CliIo): Promise<ExitCode> {
  const runtime = await commandRuntime(io, options, 'promote', { mlflow: 'required', kube: true });
  return promoteKnownAlias(runtime, model, alias, options, io);
}
