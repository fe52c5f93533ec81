import { decideAction } from '../decide/decide-action.js';
import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import { toMlflowKserveError } from '../errors/to-mlflow-kserve-error.js';
import { parseEvent } from '../events/parse-event.js';
import type { Logger } from '../observe/logger.js';
import type { RegistryEvent } from '../events/registry-event.js';
import { errorResponse, jsonResponse } from '../http/json-response.js';
import type { WebhookRequest, WebhookResponse } from '../http/types.js';
import { verifySignature } from '../signature/verify-signature.js';
import { toRuntime, type MlflowKserveDeps, type Runtime } from '../sync/runtime.js';
import { syncModelVersion } from '../sync/sync-model-version.js';
import { BoundedCache } from '../util/bounded-cache.js';
import { getHeader } from '../util/get-header.js';
import { toBytes } from '../util/to-bytes.js';

/** A webhook handler: never throws, always answers. */
export type WebhookHandler = (request: WebhookRequest) => Promise<WebhookResponse>;

/** Options of {@link createWebhookHandler} beyond the dependencies. */
export interface WebhookHandlerOptions {
  /** How many processed delivery ids to remember for de-duplication. Default 10,000. */
  deliveryCacheSize?: number;
}

function entityAction(event: RegistryEvent): [string, string] {
  if (event.type === 'unsupported') return [event.entity, event.action];
  const [entity, action] = event.type.split('.') as [string, string];
  return [entity, action];
}

/**
 * The webhook endpoint as a function of plain data. In order: method and content type → size limit →
 * signature over the raw bytes → de-duplication by delivery id → parse → decide → converge the model
 * version against MLflow's current state → answer with the original spec's body. Statuses: 200 success or
 * nothing to do, 401 signature/timestamp, 400 malformed, 405, 409 name collision, 413, 415, 422 unusable
 * storage, 500 Kubernetes/template (MLflow retries), 502 MLflow.
 *
 * @example
 * ```ts
 * const handle = createWebhookHandler({ config: loadConfig(), kube, mlflow });
 * const response = await handle({ method: 'POST', path: '/webhook', headers, rawBody });
 * ```
 */
export function createWebhookHandler(deps: MlflowKserveDeps | Runtime, options: WebhookHandlerOptions = {}): WebhookHandler {
  const rt = toRuntime(deps);
  const secrets = [rt.config.mlflow_webhook_secret, ...rt.config.mlflow_webhook_previous_secrets];
  const processed = new BoundedCache<string, unknown>(options.deliveryCacheSize ?? 10_000);

  return async (request) => {
    const started = performance.now();
    let log = rt.logger;
    try {
      if (request.method.toUpperCase() !== 'POST') {
        return errorResponse(new MlflowKserveError('method_not_allowed', 'Use POST for /webhook.'), { allow: 'POST' });
      }
      const contentType = (getHeader(request.headers, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (contentType !== 'application/json') {
        return errorResponse(
          new MlflowKserveError('unsupported_media_type', `Content-Type must be application/json, got "${contentType || 'none'}".`),
        );
      }
      const bytes = toBytes(request.rawBody);
      if (bytes.length > rt.config.max_body_bytes) {
        return errorResponse(
          new MlflowKserveError(
            'payload_too_large',
            `Body of ${bytes.length} bytes exceeds the ${rt.config.max_body_bytes}-byte limit (MLFLOW_KSERVE_MAX_BODY_BYTES).`,
          ),
        );
      }
      const verified = verifySignature({
        rawBody: bytes,
        headers: request.headers,
        secrets,
        toleranceSeconds: rt.config.replay_tolerance_seconds,
        futureSkewSeconds: rt.config.future_skew_seconds,
        ...(rt.nowSeconds ? { nowSeconds: rt.nowSeconds() } : {}),
      });
      if (!verified.ok) {
        rt.logger.warn(
          { reason: verified.reason, delivery_id: getHeader(request.headers, 'x-mlflow-delivery-id') },
          'webhook rejected: signature did not verify',
        );
        return errorResponse(
          new MlflowKserveError('signature_invalid', `Webhook signature rejected (${verified.reason}): ${verified.message}`, {
            details: { reason: verified.reason },
          }),
        );
      }
      log = withFields(rt.logger, { delivery_id: verified.deliveryId });
      const previous = processed.get(verified.deliveryId);
      if (previous !== undefined) {
        log.info({}, 'delivery already processed; answering as before without acting again');
        return jsonResponse(200, previous);
      }

      const event = parseEvent(bytes);
      const [entity, action] = entityAction(event);
      rt.metrics.webhookEvent(entity, action);
      const decision = decideAction(event, rt.policy);
      log.info(
        {
          event: event.type,
          decision: decision.type,
          ...('model' in event ? { model: event.model } : {}),
          ...('version' in event ? { version: event.version } : {}),
        },
        'webhook received',
      );

      let body: Record<string, unknown>;
      if (decision.type === 'ignore') {
        body = { status: 'success', action: 'ignored', reason: decision.reason };
      } else {
        const hints =
          event.type === 'model_version_tag.set'
            ? { runId: event.runId, experimentId: event.experimentId }
            : event.type === 'model_version.created'
              ? { runId: event.runId, source: event.source }
              : {};
        const result = await syncModelVersion(rt, decision.model, decision.version, decision.type, hints);
        body = { status: 'success', action: result.action, inference_service: result.name, namespace: result.namespace };
        if (result.desired !== decision.type)
          body['note'] = `MLflow's current state (${result.desired}) superseded this event (${decision.type}).`;
        log.info(
          { action: result.action, inference_service: result.name, namespace: result.namespace, decided_by: result.decidedBy },
          'webhook processed',
        );
      }
      processed.set(verified.deliveryId, body);
      return jsonResponse(200, body);
    } catch (thrown) {
      const error = toMlflowKserveError(thrown);
      const level = error.code === 'bad_request' || error.code === 'name_conflict' ? 'warn' : 'error';
      log[level]({ code: error.code, retryable: error.retryable, error: error.message, cause: causeText(error) }, 'webhook failed');
      return errorResponse(error);
    } finally {
      rt.metrics.webhookDuration((performance.now() - started) / 1000);
    }
  };
}

/** A logger that adds `fields` to every line, merged only when a line is written (no per-request child). */
function withFields(logger: Logger, fields: Record<string, unknown>): Logger {
  return {
    debug: (f, m) => logger.debug({ ...fields, ...f }, m),
    info: (f, m) => logger.info({ ...fields, ...f }, m),
    warn: (f, m) => logger.warn({ ...fields, ...f }, m),
    error: (f, m) => logger.error({ ...fields, ...f }, m),
  };
}

function causeText(error: MlflowKserveError): string | undefined {
  const cause = error.cause;
  if (cause === undefined) return undefined;
  const text = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
  // Never log credentials embedded in URLs (http://user:password@host).
  return text.replace(/\/\/[^/@\s]+@/g, '//***@').slice(0, 500);
}
