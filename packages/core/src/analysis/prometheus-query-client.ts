import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import type { MetricsQueryPort } from '../ports/metrics-query-port.js';
import { redactUrl } from '../config/redact-config.js';
import { sendHttp } from '../util/node-http.js';

/**
 * A {@link MetricsQueryPort} over Prometheus' HTTP API: `GET /api/v1/query?query=…`, kept-alive connections,
 * a timeout. A vector or scalar answer gives its first value (`NaN` and infinities read as no data); an empty
 * vector is no data; anything else is an `analysis_error` naming the setting.
 *
 * @example
 * ```ts
 * const prometheus = new PrometheusQueryClient('http://prometheus.monitoring:9090');
 * await prometheus.query('sum(rate(revision_request_count[1m]))'); // 12.5
 * ```
 */
export class PrometheusQueryClient implements MetricsQueryPort {
  private readonly base: URL;

  constructor(
    url: string,
    private readonly timeoutMs = 10_000,
  ) {
    this.base = new URL(url.endsWith('/') ? url : `${url}/`);
  }

  async query(promql: string): Promise<number | undefined> {
    const url = new URL('api/v1/query', this.base);
    url.searchParams.set('query', promql);
    const where = `Prometheus at ${redactUrl(this.base.href)} (MLFLOW_KSERVE_CANARY_PROMETHEUS_URL)`;
    let answer: { status: number; body: Buffer };
    try {
      answer = await sendHttp(url, { method: 'GET', headers: { accept: 'application/json' }, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      throw new MlflowKserveError('analysis_error', `${where} could not be reached; check the URL and that Prometheus is running.`, {
        cause: error,
        retryable: true,
      });
    }
    let body: { status?: string; error?: string; data?: { resultType?: string; result?: unknown } } | undefined;
    try {
      body = JSON.parse(answer.body.toString('utf8'));
    } catch {
      body = undefined;
    }
    if (answer.status !== 200 || body?.status !== 'success') {
      const why = typeof body?.error === 'string' ? `: ${body.error.slice(0, 300)}` : '';
      throw new MlflowKserveError('analysis_error', `${where} answered ${answer.status}${why}; check the check's query.`, {
        retryable: answer.status >= 500,
      });
    }
    return firstValue(body.data);
  }
}

function firstValue(data: { resultType?: string; result?: unknown } | undefined): number | undefined {
  const result = data?.result;
  let raw: unknown;
  if (data?.resultType === 'scalar' && Array.isArray(result)) raw = result[1];
  else if (data?.resultType === 'vector' && Array.isArray(result)) raw = (result[0] as { value?: unknown[] } | undefined)?.value?.[1];
  else return undefined;
  const value = Number(raw);
  return raw === undefined || !Number.isFinite(value) ? undefined : value;
}
