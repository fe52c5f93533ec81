import type { Config } from '../config/config-schema.js';
import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import type { MlflowPort } from '../ports/mlflow-port.js';

/**
 * Refuses to start without MLflow unless the caller opted out explicitly with `mlflow: null`
 * (development only): without MLflow, old or reordered deliveries cannot be checked against the
 * current state.
 *
 * @throws MlflowKserveError `config_invalid`.
 * @example
 * ```ts
 * requireMlflow(options.mlflow, config);
 * ```
 */
export function requireMlflow(given: MlflowPort | null | undefined, config: Pick<Config, 'mlflow_tracking_uri'>): void {
  if (given === undefined && !config.mlflow_tracking_uri) {
    throw new MlflowKserveError('config_invalid', 'MLFLOW_KSERVE_MLFLOW_TRACKING_URI is required (pass mlflow: null, or run serve --dev, to run without MLflow in development).');
  }
}
