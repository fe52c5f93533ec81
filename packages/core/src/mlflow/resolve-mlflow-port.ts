import type { Config } from '../config/config-schema.js';
import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import type { MlflowPort } from '../ports/mlflow-port.js';
import { createMlflowClient } from './create-mlflow-client.js';

/**
 * The MLflow port an adapter should use: the one given, none when the caller opted out explicitly with
 * `null` (development only), else the REST client the configuration describes. Refuses to start without
 * MLflow otherwise: without it, old or reordered deliveries cannot be checked against the current state.
 *
 * @throws MlflowKserveError `config_invalid` naming the variable to set.
 * @example
 * ```ts
 * const mlflow = resolveMlflowPort(options.mlflow, config);
 * ```
 */
export function resolveMlflowPort(given: MlflowPort | null | undefined, config: Config): MlflowPort | undefined {
  if (given === null) return undefined;
  if (given) return given;
  const client = createMlflowClient(config);
  if (!client) {
    throw new MlflowKserveError(
      'config_invalid',
      'MLFLOW_KSERVE_MLFLOW_TRACKING_URI is required (pass mlflow: null, or run serve --dev, to run without MLflow in development).',
    );
  }
  return client;
}
