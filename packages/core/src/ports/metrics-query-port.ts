/**
 * Where rollout analysis reads serving metrics: one instant query, answered with its single value
 * (`undefined` when the query returned no data). Prometheus' HTTP API is the implementation
 * (`PrometheusQueryClient`); anything that answers PromQL can stand behind it. Throws `MlflowKserveError`
 * `analysis_error` when the source cannot answer.
 *
 * @example
 * ```ts
 * const successRate = await metrics.query('sum(rate(revision_request_count{response_code_class!="5xx"}[1m]))');
 * ```
 */
export interface MetricsQueryPort {
  query(promql: string): Promise<number | undefined>;
}
