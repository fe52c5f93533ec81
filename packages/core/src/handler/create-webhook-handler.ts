import { decideAction } from '../decide/decide-action.js';
import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import { toMlflowKserveError } from '../errors/to-mlflow-kserve-error.js';
import { parseEvent } from '../events/parse-event.js';
import { logs } from '../observe/logger.js';
import type { RegistryEvent } from '../events/registry-event.js';
import { errorResponse, jsonResponse } from '../http/json-response.js';
import type { WebhookRequest, WebhookResponse } from '../http/types.js';
import { verifySignature } from '../signature/verify-signature.js';
import { toRuntime, type MlflowKserveDeps, type Runtime } from '../runtime/runtime.js';
import { type ConvergeResult, converge } from '../converge/converge.js';
import { identityOf } from '../keys/identity-of.js';
import { eventLabels } from '../observe/metrics.js';
import { BoundedCache } from '../util/bounded-cache.js';
import { getHeader } from '../util/get-header.js';
import { redactText } from '../util/redact-text.js';
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
  const dot = event.type.indexOf('.');
  return [event.type.slice(0, dot), event.type.slice(dot + 1)];
}

/**
 * The webhook endpoint as a function of plain data. In order: method and content type → size limit →
 * signature over the raw bytes → de-duplication by delivery id (a processed id is answered as before; a
 * copy that arrives while the first is still being processed joins it) → parse → decide which keys the
 * event concerns → {@link converge} each against MLflow's current state, within one deadline per
 * delivery → answer. Statuses: 200 success or nothing to do, 401 signature/timestamp, 400 malformed, 405,
 * 409 name collision, 413, 415, 422 unusable storage, 500 Kubernetes/template (MLflow retries), 502 MLflow
 * or the deadline passed (MLflow retries).
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
  const inFlight = new Map<string, Promise<WebhookResponse>>();

  const process = async (bytes: Uint8Array, deliveryId: string): Promise<WebhookResponse> => {
    const log = rt.logger;
    try {
      const event = parseEvent(bytes);
      rt.metrics.webhookEvent(...eventLabels(...entityAction(event)));
      // Development without MLflow: the registry is what the events said, told before anything reads it.
      rt.recordEvent?.(event);
      const decision = decideAction(event, rt.policy);
      // The echoes of this listener's own status tags are most deliveries: they are logged at debug only.
      const level = decision.type === 'ignore' && decision.code === 'status_echo' ? 'debug' : 'info';
      if (logs(log, level)) {
        log[level](
          {
            delivery_id: deliveryId,
            event: event.type,
            decision: decision.type,
            ...(decision.type === 'ignore' ? { reason: decision.code } : {}),
            ...('model' in event ? { model: event.model } : {}),
            ...('version' in event ? { version: event.version } : {}),
          },
          'webhook received',
        );
      }
      let body: Record<string, unknown>;
      let acted = false;
      if (decision.type === 'ignore') {
        rt.metrics.webhookIgnored?.(decision.code);
        body = { status: 'success', action: 'ignored', reason: decision.reason, reason_code: decision.code };
      } else {
        acted = true;
        const results = await withDeadline(rt.config.delivery_deadline_seconds, (signal) =>
          Promise.all(decision.keys.map((key) => converge(rt, key, { signal, delivery: deliveryId }))),
        );
        body = { status: 'success', ...answerOf(results[0]!) };
        if (results.length > 1) body['results'] = results.map(answerOf);
        if (logs(log, 'info')) {
          for (const result of results) {
            log.info(
              { delivery_id: deliveryId, action: result.action, inference_service: result.name, namespace: result.namespace },
              'webhook processed',
            );
          }
        }
      }
      // Only deliveries that converged are remembered: answering an ignored one again costs nothing, and
      // most deliveries are ignored ones (e.g. the echoes of the status tags this listener writes).
      if (acted) processed.set(deliveryId, body);
      return jsonResponse(200, body);
    } catch (thrown) {
      const error = toMlflowKserveError(thrown);
      const level = error.code === 'bad_request' || error.code === 'name_conflict' ? 'warn' : 'error';
      log[level](
        { delivery_id: deliveryId, code: error.code, retryable: error.retryable, error: error.message, cause: causeText(error) },
        'webhook failed',
      );
      return errorResponse(error);
    }
  };

  const respond = async (request: WebhookRequest): Promise<WebhookResponse> => {
    if (request.method.toUpperCase() !== 'POST') {
      return errorResponse(new MlflowKserveError('method_not_allowed', 'Use POST for /webhook.'), { allow: 'POST' });
    }
    const contentType = mediaType(getHeader(request.headers, 'content-type'));
    if (contentType !== 'application/json') {
      rt.metrics.webhookRejected('unsupported_media_type');
      return errorResponse(
        new MlflowKserveError(
          'unsupported_media_type',
          `Content-Type must be application/json, got "${contentType.slice(0, 100) || 'none'}".`,
        ),
      );
    }
    const bytes = toBytes(request.rawBody);
    if (bytes.length > rt.config.max_body_bytes) {
      rt.metrics.webhookRejected('payload_too_large');
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
      rt.metrics.webhookRejected(verified.reason);
      // Unverified header values are attacker-sized: log only their beginning.
      rt.logger.warn(
        { reason: verified.reason, delivery_id: clip(getHeader(request.headers, 'x-mlflow-delivery-id')) },
        'webhook rejected: signature did not verify',
      );
      return errorResponse(
        new MlflowKserveError('signature_invalid', `Webhook signature rejected (${verified.reason}): ${verified.message}`, {
          details: { reason: verified.reason },
        }),
      );
    }
    const id = verified.deliveryId;
    const previous = processed.get(id);
    if (previous !== undefined) {
      rt.logger.info({ delivery_id: id }, 'delivery already processed; answering as before without acting again');
      return jsonResponse(200, previous);
    }
    const running = inFlight.get(id);
    if (running) {
      rt.logger.info({ delivery_id: id }, 'delivery already in progress; answering with its result');
      return await running;
    }
    const work = process(bytes, id);
    inFlight.set(id, work);
    try {
      return await work;
    } finally {
      inFlight.delete(id);
    }
  };

  return (request) => {
    const started = performance.now();
    const record = (status: number): void => {
      rt.metrics.webhookDuration((performance.now() - started) / 1000);
      rt.metrics.webhookResponse?.(status);
    };
    return respond(request).then(
      (response) => {
        record(response.status);
        return response;
      },
      (error: unknown) => {
        record(500);
        throw error;
      },
    );
  };
}

/**
 * How one converged key is reported in the answer: what happened, to which service; for a key that can
 * move between versions (an alias) also which version it serves now; when MLflow wants no service, why.
 */
function answerOf(result: ConvergeResult): Record<string, unknown> {
  const identity = identityOf(result.key);
  return {
    action: result.action,
    inference_service: result.name,
    namespace: result.namespace,
    ...identity.templateValues(result.key),
    ...(identity.followsMovingTarget ? { model_version: result.servedVersion ?? null } : {}),
    ...(result.wanted ? {} : { reason: result.reason }),
  };
}

/**
 * Runs `work` with an abort signal that fires after `seconds`; answers with a retryable `mlflow_error` then,
 * while `work`, told by the signal, starts no write any more.
 */
async function withDeadline<T>(seconds: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new MlflowKserveError(
        'mlflow_error',
        `Processing took longer than the ${seconds}-second delivery deadline (MLFLOW_KSERVE_DELIVERY_DEADLINE_SECONDS); nothing more is written for this delivery and MLflow will retry it.`,
        { retryable: true, details: { kind: 'deadline' } },
      );
      controller.abort(error);
      reject(error);
    }, seconds * 1000);
  });
  try {
    return await Promise.race([work(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** The media type of a Content-Type header, lower-cased, without parameters. */
const mediaType = (header: string | undefined): string =>
  header === 'application/json' ? header : (header ?? '').split(';')[0]!.trim().toLowerCase();

const clip = (value: string | undefined): string | undefined =>
  value !== undefined && value.length > 64 ? `${value.slice(0, 64)}…` : value;

function causeText(error: MlflowKserveError): string | undefined {
  const cause = error.cause;
  if (cause === undefined) return undefined;
  const text = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
  return redactText(text).slice(0, 500);
}
