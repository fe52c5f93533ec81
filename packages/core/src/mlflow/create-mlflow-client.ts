import type { Config } from '../config/config-schema.js';
import { RestMlflowClient } from './rest-mlflow-client.js';

/**
 * The MLflow client the configuration describes, or `undefined` when no tracking URI is set.
 *
 * @example
 * ```ts
 * const mlflow = createMlflowClient(loadConfig());
 * ```
 */
export function createMlflowClient(config: Config, fetchImpl?: typeof fetch): RestMlflowClient | undefined {
  if (!config.mlflow_tracking_uri) return undefined;
  return new RestMlflowClient({
    trackingUri: config.mlflow_tracking_uri,
    username: config.mlflow_tracking_username,
    password: config.mlflow_tracking_password,
    token: config.mlflow_tracking_token,
    timeoutMs: config.mlflow_timeout_ms,
    maxRetries: config.mlflow_max_retries,
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
}
