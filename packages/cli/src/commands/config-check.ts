import { type Config, configSchema } from '@mlflow-kserve/core';
import { redactConfig } from '@mlflow-kserve/core/operations';
import { diagnoseConfig } from '@mlflow-kserve/core/assemble';
import type { CliIo, ExitCode } from '../cli-io.js';
import { flagSettings, type TargetOptions } from '../load-cli-config.js';

/** Options of `mlflow-kserve config check`. */
export interface ConfigCheckOptions extends TargetOptions {
  /** Check as `serve --dev` would (MLflow optional). */
  dev?: boolean;
}

/**
 * `config check`: runs exactly the checks `serve` runs at startup (the same function), reports every
 * problem at once and warns about misspelled `MLFLOW_KSERVE_*` variables; then prints the effective
 * settings with secrets redacted and unset ones marked. Exit 2 on any problem.
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
  return 0;
}
