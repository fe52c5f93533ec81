import { type Config, configSchema } from '@mlflow-kserve/core';
import { probeDependencies, redactConfig } from '@mlflow-kserve/core/operations';
import { diagnoseConfig } from '@mlflow-kserve/core/assemble';
import type { CliIo, ExitCode } from '../cli-io.js';
import { commandRuntime } from '../command-runtime.js';
import { flagSettings, type TargetOptions } from '../load-cli-config.js';

/** Options of `mlflow-kserve config check`. */
export interface ConfigCheckOptions extends TargetOptions {
  /** Check as `serve --dev` would (MLflow optional). */
  dev?: boolean;
  /** Skip reaching MLflow and Kubernetes: the settings and the template only. */
  offline?: boolean;
}

/**
 * `config check`: runs exactly the checks `serve` runs at startup (the same function), reports every
 * problem at once and warns about misspelled `MLFLOW_KSERVE_*` variables; then prints the effective
 * settings with secrets redacted and unset ones marked, and (unless `--offline`) reaches MLflow and the
 * target as the listener would, saying for each what it found. Exit 2 on any configuration problem, 1 when
 * a dependency cannot be reached.
 *
 * @example
 * ```ts
 * await configCheck({}, io);
 * ```
 */
export async function configCheck(options: ConfigCheckOptions, io: CliIo): Promise<ExitCode> {
  const { overrides, overrideNames } = flagSettings(options);
  const { config, problems, warnings } = await diagnoseConfig(io.env, overrides, {
    development: Boolean(options.dev),
    overrideNames,
    env: io.env,
  });
  for (const warning of warnings) io.stderr(`warning: ${warning}\n`);
  if (!config || problems.length > 0) {
    io.stderr(`Invalid configuration:\n- ${problems.join('\n- ')}\n`);
    return 2;
  }
  const shown: Record<string, unknown> = {};
  const redacted = redactConfig(config);
  for (const key of Object.keys(configSchema.shape) as (keyof Config)[])
    shown[key] = redacted[key] === undefined ? '(unset)' : redacted[key];
  io.stdout(`${JSON.stringify(shown, null, 2)}\n`);
  io.stderr('configuration ok: serve would start with these settings; the template renders a valid InferenceService\n');
  if (options.offline) {
    io.stderr('not reaching MLflow or the target (--offline)\n');
    return 0;
  }
  const runtime = await commandRuntime(io, options, 'config check', { mlflow: options.dev ? 'optional' : 'required', kube: true });
  const probes = await probeDependencies(runtime);
  if (runtime.recordEvent) io.stderr('mlflow: not configured (development: events are applied as they come)\n');
  for (const probe of probes) io.stderr(`${probe.dependency}: ${probe.ok ? 'ok' : 'FAILED'}: ${probe.detail}\n`);
  const failed = probes.filter((p) => !p.ok).map((p) => p.dependency);
  if (failed.length > 0) {
    io.stderr(
      `not ready: ${failed.join(', ')} failed as configured: unreachable, or refused (run with --offline to check the settings only)\n`,
    );
    return 1;
  }
  return 0;
}
