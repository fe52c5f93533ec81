/**
 * The listener's counters and histogram (webhook events and rejections, InferenceService operations, processing time, MLflow and Kubernetes API errors), as hooks. `@mlflow-kserve/core/prometheus` implements
 * them with prom-client; anything else (OpenTelemetry, StatsD) can too.
 */
export interface Metrics {
  /** `webhook_events_total{entity, action}`; values outside {@link knownEventLabels} arrive as `other`. */
  webhookEvent(entity: string, action: string): void;
  /** `webhook_deliveries_rejected_total{reason}`: signature failures by reason, and other refusals. */
  webhookRejected(reason: string): void;
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
  webhookRejected() {},
  inferenceServiceOperation() {},
  webhookDuration() {},
  mlflowApiError() {},
  kubernetesApiError() {},
};

/** Entity and action label values kept as they are; any other (signed, so attacker-choosable) is `other`. */
export const knownEventLabels = {
  entity: [
    'registered_model',
    'model_version',
    'model_version_tag',
    'model_version_alias',
    'prompt',
    'prompt_version',
    'prompt_tag',
    'prompt_version_tag',
    'prompt_alias',
    'budget_policy',
  ],
  action: ['created', 'updated', 'deleted', 'set', 'exceeded'],
} as const;

/**
 * An event's label values for metrics, with anything unknown mapped to `other`, so that signed events with
 * made-up names cannot create one time series each.
 *
 * @example
 * ```ts
 * eventLabels('model_version_tag', 'set'); // ['model_version_tag', 'set']
 * eventLabels('x'.repeat(100), 'boom'); // ['other', 'other']
 * ```
 */
export function eventLabels(entity: string, action: string): [string, string] {
  const e = entity.toLowerCase();
  const a = action.toLowerCase();
  return [
    (knownEventLabels.entity as readonly string[]).includes(e) ? e : 'other',
    (knownEventLabels.action as readonly string[]).includes(a) ? a : 'other',
  ];
}
