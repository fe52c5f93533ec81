import type { IgnoreCode } from '../decide/decide-action.js';
import type { PreflightReason } from '../preflight/preflight-reasons.js';
/**
 * The listener's metrics (webhook events, answers and rejections, InferenceService operations, processing time, MLflow and
 * Kubernetes API errors, reconcile runs, status write-back, leadership, dependency health), as hooks. The hooks added after
 * 0.1 are optional so that existing implementations keep compiling. `@mlflow-kserve/core/prometheus` implements
 * them with prom-client; anything else (OpenTelemetry, StatsD) can too.
 */
export interface Metrics {
  /** `mlflow_kserve_webhook_events_total{entity, action}`; values outside {@link knownEventLabels} arrive as `other`. */
  webhookEvent(entity: string, action: string): void;
  /** `mlflow_kserve_webhook_deliveries_rejected_total{reason}`: signature failures by reason, and other refusals. */
  webhookRejected(reason: string): void;
  /** `mlflow_kserve_webhook_deliveries_ignored_total{reason}`: verified deliveries that concern no key, by {@link IgnoreCode} (`status_echo`: the listener's own status tags). */
  webhookIgnored?(reason: IgnoreCode): void;
  /** `mlflow_kserve_preflight_rejections_total{reason}`: keys the preflight refused, by {@link PreflightReason}. */
  preflightRejected?(reason: PreflightReason): void;
  /** `mlflow_kserve_inference_service_operations_total{operation, status}` */
  inferenceServiceOperation(operation: string, status: 'success' | 'error'): void;
  /** `mlflow_kserve_webhook_processing_duration_seconds` */
  webhookDuration(seconds: number): void;
  /** `mlflow_kserve_mlflow_api_errors_total` */
  mlflowApiError(): void;
  /** `mlflow_kserve_kubernetes_api_errors_total` */
  kubernetesApiError(): void;
  /** `mlflow_kserve_webhook_responses_total{code}`: every answer to `POST /webhook`, by HTTP status code. */
  webhookResponse?(status: number): void;
  /**
   * One periodic or startup reconcile: `mlflow_kserve_reconcile_runs_total{outcome}`, the drift it corrected as
   * `mlflow_kserve_reconcile_changes_total{change}`, and `mlflow_kserve_reconcile_last_success_timestamp_seconds`.
   */
  reconcileRun?(outcome: ReconcileOutcome, changes: ReconcileChanges): void;
  /** One status write-back attempt: `mlflow_kserve_status_writes_total{outcome}`; on success the time from seeing the change to writing it, `mlflow_kserve_status_writeback_lag_seconds`. */
  statusWrite?(outcome: 'success' | 'error', lagSeconds: number): void;
  /** `mlflow_kserve_leader_election_is_leader`: 1 while this replica runs the background work. */
  leader?(isLeader: boolean): void;
  /** `mlflow_kserve_dependency_up{dependency}`: the last readiness check's answer for MLflow or Kubernetes. */
  dependencyUp?(dependency: 'mlflow' | 'kubernetes', up: boolean): void;
  /** A rollout moved on: `mlflow_kserve_rollouts_total{outcome}` (started, advanced, promoted, rolled_back, reverted). */
  rollout?(outcome: string): void;
  /** `mlflow_kserve_rollout_canary_percent{model, alias}`: the canary's share now (0 when none runs). */
  rolloutPercent?(model: string, alias: string, percent: number): void;
  /** One analysis check's result: `mlflow_kserve_rollout_checks_total{check, result}`. */
  rolloutCheck?(check: string, result: 'pass' | 'fail'): void;
}

/** How a reconcile ended: wrote what it planned, some writes failed, the mass-delete guard stopped it, or it could not plan (MLflow or Kubernetes unreadable). */
export type ReconcileOutcome = 'success' | 'partial' | 'blocked' | 'error';

/** The writes one reconcile made, by kind. */
export interface ReconcileChanges {
  create: number;
  update: number;
  delete: number;
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
  webhookIgnored() {},
  inferenceServiceOperation() {},
  webhookDuration() {},
  mlflowApiError() {},
  kubernetesApiError() {},
  webhookResponse() {},
  reconcileRun() {},
  statusWrite() {},
  leader() {},
  dependencyUp() {},
  rollout() {},
  rolloutPercent() {},
  rolloutCheck() {},
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
