/**
 * `@mlflow-kserve/core/prometheus`: the spec's metrics with prom-client.
 * @packageDocumentation
 */
export { createPrometheusMetrics, type PrometheusMetrics } from './observe/create-prometheus-metrics.js';
