/**
 * `@mlflow-kserve/core/prometheus`: the listener's Prometheus metrics with prom-client.
 * @packageDocumentation
 */
export { createPrometheusMetrics, type PrometheusMetrics } from './observe/create-prometheus-metrics.js';
