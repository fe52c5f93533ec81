import type { MlflowPort } from '../ports/mlflow-port.js';
import type { MlflowWebhooksPort } from '../ports/mlflow-webhooks-port.js';

/**
 * The MLflow port as a webhook registry, when it is one (the REST client and the in-memory fake are);
 * `undefined` otherwise (no MLflow, or a custom port without webhook calls).
 *
 * @example
 * ```ts
 * const hooks = webhooksPortOf(runtime.mlflow);
 * if (hooks) await hooks.listWebhooks();
 * ```
 */
export function webhooksPortOf(port: MlflowPort | undefined): MlflowWebhooksPort | undefined {
  const candidate = port as Partial<MlflowWebhooksPort> | undefined;
  return candidate && typeof candidate.listWebhooks === 'function' ? (candidate as MlflowWebhooksPort) : undefined;
}
