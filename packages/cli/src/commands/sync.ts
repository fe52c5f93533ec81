import { type ConvergeResult, converge, describeKey } from '@mlflow-kserve/core';
import { parseKey } from '@mlflow-kserve/core/operations';
import type { CliIo, ExitCode } from '../cli-io.js';
import { commandRuntime } from '../command-runtime.js';
import type { TargetOptions } from '../load-cli-config.js';

/** Options of `mlflow-kserve sync` and `promote`. */
export interface KeyCommandOptions extends TargetOptions {
  dryRun?: boolean;
  output?: string;
}

/** Prints a converge result for people (or as JSON). */
export function printResult(result: ConvergeResult, options: KeyCommandOptions, io: CliIo): void {
  if (options.output === 'json') {
    io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  const verb = result.dryRun ? `would be ${result.action === 'unchanged' ? 'left unchanged' : result.action}` : result.action;
  const what = result.wanted ? `serving version ${result.servedVersion}` : `no service wanted: ${result.reason}`;
  io.stdout(`${describeKey(result.key)}: ${result.namespace}/${result.name} ${verb} (${what})\n`);
}

/**
 * `sync <model> <version|@alias>`: converges one key exactly as a webhook would, and prints what it did.
 *
 * @example
 * ```ts
 * await sync('iris-classifier', '@champion', { dryRun: true }, io);
 * ```
 */
export async function sync(model: string, versionOrAlias: string, options: KeyCommandOptions, io: CliIo): Promise<ExitCode> {
  const key = parseKey(model, versionOrAlias);
  const runtime = await commandRuntime(io, options, 'sync', { mlflow: 'required', kube: true });
  printResult(await converge(runtime, key, { dryRun: Boolean(options.dryRun) }), options, io);
  return 0;
}
