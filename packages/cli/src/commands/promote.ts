import { promote as promoteAlias } from '@mlflow-kserve/core/operations';
import type { CliIo, ExitCode } from '../cli-io.js';
import { commandRuntime } from '../command-runtime.js';
import { type KeyCommandOptions, printResult } from './sync.js';

/**
 * `promote <model> <alias>`: ends a canary rollout — all traffic to the version the alias points to now.
 * Rolling back is moving the alias back in MLflow.
 *
 * @example
 * ```ts
 * await promote('iris-classifier', 'champion', {}, io);
 * ```
 */
export async function promote(model: string, alias: string, options: KeyCommandOptions, io: CliIo): Promise<ExitCode> {
  const runtime = await commandRuntime(io, options, 'promote', { mlflow: 'required', kube: true });
  printResult(await promoteAlias(runtime, model, alias.replace(/^@/, ''), { dryRun: Boolean(options.dryRun) }), options, io);
  return 0;
}
