import type { z } from 'zod';
import { type HttpAnswer, type HttpFetch, httpFetch } from './http-fetch.js';
import { listPages } from './list-pages.js';
import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import type { MlflowPort, ModelVersion, ModelVersionPage, RegisteredModelPage, RunInfo } from '../ports/mlflow-port.js';
import { redactText } from '../util/redact-text.js';
import { AnswerTooLarge } from '../util/node-http.js';
import type { MlflowWebhook, MlflowWebhooksPort, WebhookSpec, WebhookTestResult } from '../ports/mlflow-webhooks-port.js';
import {
  downloadUriResponse,
  errorBody,
  getModelVersionResponse,
  getRegisteredModelResponse,
  getRunResponse,
  type modelVersionSchema,
  registeredModelsPage,
  searchResponse,
  webhookResponse,
  webhooksPage,
  webhookTestResponse,
} from './mlflow-schemas.js';

/** Options of {@link RestMlflowClient}. */
export interface RestMlflowClientOptions {
  /**
   * MLflow tracking server URL, e.g. `http://mlflow:5000` (a path prefix is kept). Credentials written in
   * it (`http://user:password@mlflow:5000`) become HTTP Basic auth unless `username` or `token` is given;
   * they are never part of a request URL, a message or a log line.
   */
  trackingUri: string;
  /** HTTP Basic credentials (checked first, as MLflow's own client does). */
  username?: string | undefined;
  password?: string | undefined;
  /** Bearer token, used when no username is set. */
  token?: string | undefined;
  /** Per-attempt timeout in milliseconds. Default 10,000. */
  timeoutMs?: number;
  /** Retries on network errors, timeouts, 429 and 5xx. Default 3. */
  maxRetries?: number;
  /** Timeout of `ping()` (readiness), which never retries. Default 3,000. */
  pingTimeoutMs?: number;
  /** How requests are sent. Default: {@link httpFetch} (`node:http`/`node:https`); global `fetch` works too. */
  fetch?: HttpFetch;
  /** Replaceable for tests: waits between retries. */
  sleep?: (ms: number) => Promise<void>;
}

type Query = Record<string, string | number | undefined>;
const retryStatuses = new Set([429, 500, 502, 503, 504]);

function toModelVersion(v: z.infer<typeof modelVersionSchema>): ModelVersion {
  return {
    name: v.name,
    version: v.version,
    source: v.source ?? undefined,
    runId: v.run_id || undefined,
    status: v.status ?? undefined,
    tags: Object.fromEntries((v.tags ?? []).map((t) => [t.key, t.value ?? ''])),
    aliases: v.aliases ?? [],
    ...(v.description ? { description: v.description } : {}),
  };
}

function toWebhook(w: z.infer<typeof webhookResponse>['webhook']): MlflowWebhook {
  return { id: w.webhook_id, name: w.name ?? '', url: w.url ?? '', events: w.events ?? [], status: w.status ?? '' };
}

/**
 * {@link MlflowPort} over MLflow's REST API (`/api/2.0/mlflow/…`) on kept-alive connections: HTTP Basic or Bearer auth,
 * a timeout per attempt, bounded retries with exponential backoff (honouring `Retry-After`), and typed
 * errors: not found is `null`; refused credentials and bad requests are non-retryable `mlflow_error`s;
 * network failures, timeouts, 429 and 5xx are retryable ones.
 *
 * @example
 * ```ts
 * import { RestMlflowClient } from '@mlflow-kserve/core/mlflow';
 * const mlflow = new RestMlflowClient({ trackingUri: 'http://mlflow:5000', token: process.env.MLFLOW_TOKEN });
 * const version = await mlflow.getModelVersion('iris-classifier', '3');
 * ```
 */
/** The model the readiness probe asks for; MLflow answers "does not exist" (or, should it exist, the version). */
const probeModelName = 'mlflow-kserve-readiness-probe';

/** Largest artifact file read through MLflow (an `MLmodel` is a few KiB; a large signature can reach hundreds). */
const maxArtifactBytes = 1024 * 1024;

export class RestMlflowClient implements MlflowPort, MlflowWebhooksPort {
  private readonly base: URL;
  private readonly headers: Record<string, string>;
  private readonly timeoutMs: number;
  private readonly pingTimeoutMs: number;
  private readonly maxRetries: number;
  private readonly fetchImpl: HttpFetch;
  private readonly sleep: (ms: number) => Promise<void>;
  /** The password or token, masked in any MLflow text this client passes on. */
  private readonly credentials: string[];

  constructor(options: RestMlflowClientOptions) {
    this.base = new URL(options.trackingUri.endsWith('/') ? options.trackingUri : `${options.trackingUri}/`);
    let { username, password } = options;
    if (this.base.username || this.base.password) {
      // Credentials never travel in the URL (fetch refuses them): they become the Authorization header.
      if (!username && !options.token) {
        username = decodeURIComponent(this.base.username);
        password = decodeURIComponent(this.base.password);
      }
      this.base.username = '';
      this.base.password = '';
    }
    this.headers = { accept: 'application/json' };
    if (username) {
      this.headers['authorization'] = `Basic ${Buffer.from(`${username}:${password ?? ''}`).toString('base64')}`;
    } else if (options.token) {
      this.headers['authorization'] = `Bearer ${options.token}`;
    }
    this.credentials = [password, options.token].filter((c): c is string => typeof c === 'string' && c.length > 0);
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.pingTimeoutMs = options.pingTimeoutMs ?? 3_000;
    this.maxRetries = options.maxRetries ?? 3;
    this.fetchImpl = options.fetch ?? httpFetch;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async getModelVersion(name: string, version: string): Promise<ModelVersion | null> {
    const body = await this.call('GET', 'model-versions/get', getModelVersionResponse, { query: { name, version } });
    return body ? toModelVersion(body.model_version) : null;
  }

  async getDownloadUri(name: string, version: string): Promise<string | null> {
    const body = await this.call('GET', 'model-versions/get-download-uri', downloadUriResponse, { query: { name, version } });
    return body?.artifact_uri ?? null;
  }

  async getRun(runId: string): Promise<RunInfo | null> {
    const body = await this.call('GET', 'runs/get', getRunResponse, { query: { run_id: runId } });
    if (!body) return null;
    return {
      runId: body.run.info.run_id ?? runId,
      experimentId: body.run.info.experiment_id ?? '',
      artifactUri: body.run.info.artifact_uri ?? undefined,
    };
  }

  async getModelVersionByAlias(name: string, alias: string): Promise<ModelVersion | null> {
    try {
      const body = await this.call('GET', 'registered-models/alias', getModelVersionResponse, { query: { name, alias } });
      return body ? toModelVersion(body.model_version) : null;
    } catch (error) {
      // MLflow answers a missing alias with 400 INVALID_PARAMETER_VALUE ("Registered model alias … not
      // found."), the same code as a malformed request. Absence is only believed when the registered model,
      // read fresh, exists without that alias (or does not exist at all).
      if (!(MlflowKserveError.isInstance(error) && error.details['errorCode'] === 'INVALID_PARAMETER_VALUE')) throw error;
      const model = await this.call('GET', 'registered-models/get', getRegisteredModelResponse, { query: { name } });
      if (!model || !(model.registered_model.aliases ?? []).some((a) => a.alias === alias)) return null;
      throw error;
    }
  }

  async searchRegisteredModels(options: { pageToken?: string | undefined; maxResults?: number } = {}): Promise<RegisteredModelPage> {
    const body = await this.call('GET', 'registered-models/search', registeredModelsPage, {
      query: { max_results: options.maxResults ?? 1000, page_token: options.pageToken },
      notFoundIsError: true,
    });
    return {
      models: (body?.registered_models ?? []).map((m) => ({
        name: m.name,
        aliases: (m.aliases ?? []).map((a) => ({ alias: a.alias, version: a.version })),
        tags: Object.fromEntries((m.tags ?? []).map((t) => [t.key, t.value ?? ''])),
      })),
      nextPageToken: body?.next_page_token || undefined,
    };
  }

  async searchModelVersions(options: { filter: string; pageToken?: string | undefined; maxResults?: number }): Promise<ModelVersionPage> {
    const body = await this.call('GET', 'model-versions/search', searchResponse, {
      query: { filter: options.filter, max_results: options.maxResults ?? 1000, page_token: options.pageToken },
      notFoundIsError: true,
    });
    return { versions: (body?.model_versions ?? []).map(toModelVersion), nextPageToken: body?.next_page_token || undefined };
  }

  async setModelVersionTag(name: string, version: string, key: string, value: string): Promise<void> {
    await this.call('POST', 'model-versions/set-tag', null, { body: { name, version, key, value }, notFoundIsError: true });
  }

  async getRegisteredModelTags(name: string): Promise<Record<string, string> | null> {
    const body = await this.call('GET', 'registered-models/get', getRegisteredModelResponse, { query: { name } });
    return body ? Object.fromEntries((body.registered_model.tags ?? []).map((t) => [t.key, t.value ?? ''])) : null;
  }

  async getRegisteredModel(name: string): Promise<{ tags: Record<string, string>; description: string | undefined } | null> {
    const body = await this.call('GET', 'registered-models/get', getRegisteredModelResponse, { query: { name } });
    if (!body) return null;
    return {
      tags: Object.fromEntries((body.registered_model.tags ?? []).map((t) => [t.key, t.value ?? ''])),
      description: body.registered_model.description || undefined,
    };
  }

  async setModelVersionAlias(name: string, alias: string, version: string): Promise<void> {
    await this.call('POST', 'registered-models/alias', null, { body: { name, alias, version }, notFoundIsError: true });
  }

  async setRegisteredModelTag(name: string, key: string, value: string): Promise<void> {
    await this.call('POST', 'registered-models/set-tag', null, { body: { name, key, value }, notFoundIsError: true });
  }

  async deleteRegisteredModelTag(name: string, key: string): Promise<void> {
    await this.call('DELETE', 'registered-models/delete-tag', null, { body: { name, key } });
  }

  async deleteModelVersionTag(name: string, version: string, key: string): Promise<void> {
    await this.call('DELETE', 'model-versions/delete-tag', null, { body: { name, version, key } });
  }

  async listWebhooks(): Promise<MlflowWebhook[]> {
    return listPages('webhooks', async (pageToken) => {
      const body = await this.call('GET', 'webhooks', webhooksPage, {
        query: { max_results: 100, page_token: pageToken },
        notFoundIsError: true,
      });
      return { items: (body?.webhooks ?? []).map(toWebhook), next: body?.next_page_token || undefined };
    });
  }

  async createWebhook(webhook: WebhookSpec): Promise<MlflowWebhook> {
    const body = await this.call('POST', 'webhooks', webhookResponse, { body: webhook, notFoundIsError: true });
    return toWebhook(body!.webhook);
  }

  async updateWebhook(id: string, changes: WebhookSpec): Promise<MlflowWebhook> {
    const body = await this.call('PATCH', `webhooks/${encodeURIComponent(id)}`, webhookResponse, { body: changes, notFoundIsError: true });
    return toWebhook(body!.webhook);
  }

  async testWebhook(id: string): Promise<WebhookTestResult> {
    const body = await this.call('POST', `webhooks/${encodeURIComponent(id)}/test`, webhookTestResponse, {
      body: {},
      notFoundIsError: true,
    });
    const r = body!.result;
    return {
      success: Boolean(r.success),
      responseStatus: r.response_status ?? undefined,
      responseBody: r.response_body ?? undefined,
      errorMessage: r.error_message ?? undefined,
    };
  }

  /**
   * A file of a registered version's artifacts, as text: `GET /model-versions/get-artifact` (MLflow serves it beside
   * its REST API, not under `/api/2.0`), which resolves the version's download URI on the server and reads the file
   * from the artifact store. `null` only on MLflow's JSON "does not exist" (the file or the version); a body over
   * 1 MiB is an error, never cut.
   */
  async getModelVersionArtifact(name: string, version: string, path: string): Promise<string | null> {
    return this.call('GET', 'model-versions/get-artifact', null, {
      query: { name, version, path },
      root: true,
      read: async (answer) => {
        const bytes = await answer.arrayBuffer();
        if (bytes.byteLength > maxArtifactBytes) throw new AnswerTooLarge(maxArtifactBytes);
        return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
      },
      maxBodyBytes: maxArtifactBytes,
    });
  }

  /**
   * For readiness probes, which must not pile load on a slow MLflow: one attempt each, no retries,
   * `pingTimeoutMs`, in parallel. An authenticated search (the credentials work), and a read of a version
   * of a model nobody has (`model-versions/get`, the read every delivery makes): MLflow answers it with its
   * JSON "does not exist", so a proxy answering that path with HTML, or a 429 there, makes the listener
   * unready — whatever any one real model's state.
   */
  async ping(): Promise<void> {
    const once = { retries: 0, timeoutMs: this.pingTimeoutMs };
    await Promise.all([
      this.call('GET', 'registered-models/search', registeredModelsPage, { query: { max_results: 1 }, notFoundIsError: true, ...once }),
      this.call('GET', 'model-versions/get', getModelVersionResponse, { query: { name: probeModelName, version: '1' }, ...once }),
    ]);
  }

  private url(path: string, query: Query = {}, root = false): URL {
    const url = new URL(root ? path : `api/2.0/mlflow/${path}`, this.base);
    for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
    return url;
  }

  private async call<T>(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    schema: z.ZodType<T> | null,
    options: {
      query?: Query;
      body?: unknown;
      notFoundIsError?: boolean;
      retries?: number;
      timeoutMs?: number;
      /** Outside `/api/2.0/mlflow` (MLflow's artifact routes). */
      root?: boolean;
      /** Reads a 2xx answer (instead of `schema`'s JSON). */
      read?: (answer: HttpAnswer) => Promise<T>;
      maxBodyBytes?: number;
    },
  ): Promise<T | null> {
    const url = this.url(path, options.query, options.root);
    const what = `MLflow ${method} /${options.root ? '' : 'api/2.0/mlflow/'}${path}`;
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    let lastError: MlflowKserveError | undefined;
    for (let attempt = 0; attempt <= (options.retries ?? this.maxRetries); attempt += 1) {
      if (attempt > 0) await this.sleep(this.backoff(attempt, lastError));
      let response: HttpAnswer;
      try {
        response = await this.fetchImpl(url, {
          method,
          headers: options.body === undefined ? this.headers : { ...this.headers, 'content-type': 'application/json' },
          ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
          signal: AbortSignal.timeout(timeoutMs),
          ...(options.maxBodyBytes === undefined ? {} : { maxBodyBytes: options.maxBodyBytes }),
        });
      } catch (cause) {
        if (cause instanceof AnswerTooLarge) throw this.tooLarge(what, cause);
        const timedOut = cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError');
        lastError = new MlflowKserveError(
          'mlflow_error',
          `${what} ${timedOut ? `timed out after ${timeoutMs} ms` : 'could not connect'}; check MLFLOW_KSERVE_MLFLOW_TRACKING_URI and that MLflow is running.`,
          {
            cause,
            retryable: true,
            details: { kind: 'unavailable' },
          },
        );
        continue;
      }
      if (response.ok) {
        if (options.read) {
          try {
            return await options.read(response);
          } catch (cause) {
            if (cause instanceof AnswerTooLarge) throw this.tooLarge(what, cause);
            throw cause;
          }
        }
        if (!schema) {
          await response.arrayBuffer().catch(() => undefined);
          return null;
        }
        const parsed = schema.safeParse(await response.json().catch(() => undefined));
        if (!parsed.success) throw this.badResponse(what, `answered ${response.status} with a body that is not the JSON MLflow sends`);
        return parsed.data;
      }
      const error = errorBody.safeParse(await response.json().catch(() => undefined));
      const errorCode = error.success ? (error.data.error_code ?? undefined) : undefined;
      const mlflowMessage = error.success && error.data.message ? this.mask(error.data.message) : undefined;
      // Only MLflow's own "does not exist" means absent. An HTML 404 from a proxy or a wrong base path is an
      // error: taking it for absence would undeploy live services.
      if (response.status === 404 && errorCode === 'RESOURCE_DOES_NOT_EXIST' && !options.notFoundIsError) return null;
      if (response.status === 404 && errorCode === undefined) throw this.badResponse(what, "answered 404 without MLflow's JSON error");
      const retryable = retryStatuses.has(response.status);
      const retryAfter = Number(response.headers.get('retry-after'));
      lastError = new MlflowKserveError('mlflow_error', this.describe(what, response.status, errorCode), {
        retryable,
        details: {
          kind: response.status === 401 || response.status === 403 ? 'unauthorized' : retryable ? 'unavailable' : 'rejected',
          status: response.status,
          errorCode,
          // MLflow's own reason, masked and cut: for commands that show it (webhook ensure), never in a response.
          ...(mlflowMessage ? { mlflowMessage } : {}),
          ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
        },
      });
      if (!retryable) throw lastError;
    }
    throw lastError!;
  }

  /** MLflow's error text without this client's credentials or URL credentials, at most 500 characters. */
  private mask(message: string): string {
    let text = redactText(message);
    for (const secret of this.credentials) text = text.split(secret).join('***');
    return text.slice(0, 500);
  }

  private tooLarge(what: string, cause: AnswerTooLarge): MlflowKserveError {
    return new MlflowKserveError(
      'mlflow_error',
      `${what} answered with more than ${cause.maxBodyBytes} bytes; the listener reads no more.`,
      {
        retryable: false,
        details: { kind: 'bad_response' },
      },
    );
  }

  private badResponse(what: string, problem: string): MlflowKserveError {
    return new MlflowKserveError(
      'mlflow_error',
      `${what} ${problem}; check that MLFLOW_KSERVE_MLFLOW_TRACKING_URI is the MLflow server's base URL (with its path prefix, if any) and that no proxy answers in its place.`,
      { retryable: true, details: { kind: 'bad_response' } },
    );
  }

  private describe(what: string, status: number, errorCode: string | undefined): string {
    const code = errorCode ? ` ${errorCode}` : '';
    if (status === 401 || status === 403) {
      return `${what} was refused (${status}${code}); check MLFLOW_KSERVE_MLFLOW_TRACKING_USERNAME/PASSWORD or TOKEN, and MLflow's --allowed-hosts.`;
    }
    return `${what} failed with HTTP ${status}${code}.`;
  }

  private backoff(attempt: number, error: MlflowKserveError | undefined): number {
    const retryAfter = error?.details['retryAfterSeconds'];
    if (typeof retryAfter === 'number') return Math.min(retryAfter * 1000, 30_000);
    return Math.min(250 * 2 ** (attempt - 1), 5_000) + Math.floor(Math.random() * 100);
  }
}
