/**
 * The counters and histogram of the original spec, as hooks. `@mlflow-kserve/core/prometheus` implements
 * them with prom-client; anything else (OpenTelemetry, StatsD) can too.
 */
export interface Metrics {
  /** `webhook_events_total{entity, action}` */
  webhookEvent(entity: string, action: string): void;
  /** `inference_service_operations_total{operation, status}` */
  inferenceServiceOperation(operation: string, status: 'success' | 'error'): void;
  /** `webhook_processing_duration_seconds` */
  webhookDuration(seconds: number): void;
  /** `mlflow_api_errors_total` */
  mlflowApiError(): void;
  /** `kubernetes_api_errors_total` */
  kubernetesApiError(): void;
}

/**
 * Metrics that record nothing (the default).
 *
 * @example
 * ```ts
 * createWebhookHandler({ ...deps, metrics: noopMetrics });
 * ```
 */
export const noopMetrics: Metrics = {
  webhookEvent() {},
  inferenceServiceOperation() {},
  webhookDuration() {},
  mlflowApiError() {},
  kubernetesApiError() {},
};
