import { webhooksPortOf } from './webhooks-port-of.js';
import type { Runtime } from '../runtime/runtime.js';
import { ensureWebhook } from './ensure-webhook.js';

/**
 * At startup, makes sure MLflow's webhook points at `webhook_public_url` with the needed events and secret
 * ({@link ensureWebhook}); a failure (MLflow down, a refused URL) is logged and retried with backoff in the
 * background, never fatal. Returns a function that stops retrying.
 *
 * @example
 * ```ts
 * const stop = keepWebhookEnsured(runtime);
 * ```
 */
export function keepWebhookEnsured(
  rt: Runtime,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms).unref?.()),
): () => void {
  const url = rt.config.webhook_public_url;
  const hooks = webhooksPortOf(rt.mlflow);
  let stopped = false;
  if (!url || !hooks) return () => undefined;
  void (async () => {
    for (let attempt = 1; !stopped; attempt += 1) {
      try {
        const result = await ensureWebhook(hooks, rt.config, { url });
        rt.logger.info({ webhook: result.webhook.id, url, action: result.action }, "MLflow's webhook is set up");
        for (const d of result.duplicates)
          rt.logger.warn({ webhook: d.id, url: d.url, name: d.name }, 'another MLflow webhook has the same URL or name; left alone');
        return;
      } catch (error) {
        rt.logger.warn({ url, attempt, error: (error as Error).message }, "setting up MLflow's webhook failed; retrying");
        await sleep(Math.min(1000 * 2 ** (attempt - 1), 60_000));
      }
    }
  })();
  return () => {
    stopped = true;
  };
}
