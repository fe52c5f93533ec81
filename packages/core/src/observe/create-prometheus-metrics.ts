import { Counter, Histogram, Registry } from 'prom-client';
import type { Metrics } from './metrics.js';

/** {@link Metrics} backed by a prom-client registry, plus how to serve it. */
export interface PrometheusMetrics extends Metrics {
  registry: Registry;
  /** The text for `GET /metrics`. */
  metricsText(): Promise<{ contentType: string; body: string }>;
}

/**
 * The listener's metrics, registered in `registry` (a new one by default, so two handlers in one
 * process do not clash): `webhook_events_total{entity,action}`,
 * `inference_service_operations_total{operation,status}`, `webhook_processing_duration_seconds`,
 * `mlflow_api_errors_total`, `kubernetes_api_errors_total`.
 *
 * @example
 * ```ts
 * import { createPrometheusMetrics } from '@mlflow-kserve/core/prometheus';
 * const metrics = createPrometheusMetrics(myRegistry);
 * ```
 */
export function createPrometheusMetrics(registry: Registry = new Registry()): PrometheusMetrics {
  const events = new Counter({
    name: 'webhook_events_total',
    help: 'Verified MLflow webhook events by entity and action.',
    labelNames: ['entity', 'action'],
    registers: [registry],
  });
  const rejected = new Counter({
    name: 'webhook_deliveries_rejected_total',
    help: 'Webhook deliveries refused before processing, by reason (signature_mismatch, timestamp_too_old, …).',
    labelNames: ['reason'],
    registers: [registry],
  });
  const operations = new Counter({
    name: 'inference_service_operations_total',
    help: 'InferenceService operations by operation and status.',
    labelNames: ['operation', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'webhook_processing_duration_seconds',
    help: 'Time to process one webhook request.',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const mlflowErrors = new Counter({ name: 'mlflow_api_errors_total', help: 'Failed MLflow API calls.', registers: [registry] });
  const kubeErrors = new Counter({ name: 'kubernetes_api_errors_total', help: 'Failed Kubernetes API calls.', registers: [registry] });
  return {
    registry,
    webhookEvent: (entity, action) => events.inc({ entity, action }),
    webhookRejected: (reason) => rejected.inc({ reason }),
    inferenceServiceOperation: (operation, status) => operations.inc({ operation, status }),
    webhookDuration: (seconds) => duration.observe(seconds),
    mlflowApiError: () => mlflowErrors.inc(),
    kubernetesApiError: () => kubeErrors.inc(),
    metricsText: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
  };
}
