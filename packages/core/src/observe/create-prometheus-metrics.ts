import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { SignatureFailure } from '../signature/verify-signature.js';
import type { Metrics } from './metrics.js';
import { ignoreCodes } from '../decide/decide-action.js';
import { preflightReasons } from '../preflight/preflight-reasons.js';

/** {@link Metrics} backed by a prom-client registry, plus how to serve it. */
export interface PrometheusMetrics extends Metrics {
  registry: Registry;
  /** The text for `GET /metrics`. */
  metricsText(): Promise<{ contentType: string; body: string }>;
}

/**
 * The listener's metrics, registered in `registry` (a new one by default, so two handlers in one
 * process do not clash): `mlflow_kserve_webhook_events_total{entity,action}`, `mlflow_kserve_webhook_responses_total{code}`,
 * `mlflow_kserve_webhook_deliveries_rejected_total{reason}`, `mlflow_kserve_inference_service_operations_total{operation,status}`,
 * `mlflow_kserve_webhook_processing_duration_seconds`, `mlflow_kserve_mlflow_api_errors_total`, `mlflow_kserve_kubernetes_api_errors_total`,
 * `mlflow_kserve_reconcile_runs_total{outcome}`, `mlflow_kserve_reconcile_changes_total{change}`, `mlflow_kserve_reconcile_last_success_timestamp_seconds`,
 * `mlflow_kserve_status_writes_total{outcome}`, `mlflow_kserve_status_writeback_lag_seconds`, `mlflow_kserve_leader_election_is_leader`, `mlflow_kserve_dependency_up{dependency}`,
 * `mlflow_kserve_rollouts_total{outcome}`, `mlflow_kserve_rollout_canary_percent{model, alias}`, `mlflow_kserve_rollout_checks_total{check, result}`.
 * docs/operations.md describes each, and the Grafana dashboard and alert rules in deploy/ use them.
 *
 * @example
 * ```ts
 * import { createPrometheusMetrics } from '@mlflow-kserve/core/prometheus';
 * const metrics = createPrometheusMetrics(myRegistry);
 * ```
 */
export function createPrometheusMetrics(registry: Registry = new Registry()): PrometheusMetrics {
  const events = new Counter({
    name: 'mlflow_kserve_webhook_events_total',
    help: 'Verified MLflow webhook events by entity and action.',
    labelNames: ['entity', 'action'],
    registers: [registry],
  });
  const rejected = new Counter({
    name: 'mlflow_kserve_webhook_deliveries_rejected_total',
    help: 'Webhook deliveries refused before processing, by reason (signature_mismatch, timestamp_too_old, …).',
    labelNames: ['reason'],
    registers: [registry],
  });
  const ignored = new Counter({
    name: 'mlflow_kserve_webhook_deliveries_ignored_total',
    help: 'Verified deliveries that concern no deployment, by reason (status_echo: the status tags this listener wrote, coming back).',
    labelNames: ['reason'],
    registers: [registry],
  });
  const preflight = new Counter({
    name: 'mlflow_kserve_preflight_rejections_total',
    help: 'Keys the preflight refused before writing (422, kserve.status=Rejected), by reason (no_mlmodel, flavor_unsupported, no_runtime, …).',
    labelNames: ['reason'],
    registers: [registry],
  });
  const operations = new Counter({
    name: 'mlflow_kserve_inference_service_operations_total',
    help: 'InferenceService operations by operation and status.',
    labelNames: ['operation', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'mlflow_kserve_webhook_processing_duration_seconds',
    help: 'Time to process one webhook request.',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const mlflowErrors = new Counter({
    name: 'mlflow_kserve_mlflow_api_errors_total',
    help: 'Failed MLflow API calls.',
    registers: [registry],
  });
  const kubeErrors = new Counter({
    name: 'mlflow_kserve_kubernetes_api_errors_total',
    help: 'Failed Kubernetes API calls.',
    registers: [registry],
  });
  const responses = new Counter({
    name: 'mlflow_kserve_webhook_responses_total',
    help: 'Answers to POST /webhook by HTTP status code (2xx: done or ignored; 4xx: refused; 5xx: MLflow retries).',
    labelNames: ['code'],
    registers: [registry],
  });
  const reconcileRuns = new Counter({
    name: 'mlflow_kserve_reconcile_runs_total',
    help: 'Periodic and startup reconciles by outcome (success, partial, blocked, error).',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const reconcileChanges = new Counter({
    name: 'mlflow_kserve_reconcile_changes_total',
    help: 'Drift corrected by reconciles: InferenceServices created, updated or deleted.',
    labelNames: ['change'],
    registers: [registry],
  });
  const reconcileLastSuccess = new Gauge({
    name: 'mlflow_kserve_reconcile_last_success_timestamp_seconds',
    help: 'Unix time of the last reconcile that ended with outcome success (0: none since start).',
    registers: [registry],
  });
  const statusWrites = new Counter({
    name: 'mlflow_kserve_status_writes_total',
    help: 'Status write-back attempts to MLflow by outcome.',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const statusLag = new Histogram({
    name: 'mlflow_kserve_status_writeback_lag_seconds',
    help: 'Time from seeing an InferenceService status change to writing it to MLflow.',
    buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [registry],
  });
  const leader = new Gauge({
    name: 'mlflow_kserve_leader_election_is_leader',
    help: '1 while this replica holds the Lease and runs the background work (reconcile, status write-back), else 0.',
    registers: [registry],
  });
  const dependencyUp = new Gauge({
    name: 'mlflow_kserve_dependency_up',
    help: "The last readiness check's answer: 1 when MLflow or Kubernetes answered, 0 when not.",
    labelNames: ['dependency'],
    registers: [registry],
  });
  const rollouts = new Counter({
    name: 'mlflow_kserve_rollouts_total',
    help: 'Alias rollouts moving on, by outcome: started, advanced (next step), promoted, rolled_back (analysis, deadline, KServe or a person), reverted (the alias moved back).',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const rolloutPercent = new Gauge({
    name: 'mlflow_kserve_rollout_canary_percent',
    help: "The canary's share of traffic in percent for each alias service (0 when no canary runs).",
    labelNames: ['model', 'alias'],
    registers: [registry],
  });
  const rolloutChecks = new Counter({
    name: 'mlflow_kserve_rollout_checks_total',
    help: 'Rollout analysis check results, by check and result (pass, fail).',
    labelNames: ['check', 'result'],
    registers: [registry],
  });
  // Series that alerts compare must exist from the start (an absent series never fires a rule).
  for (const outcome of ['started', 'advanced', 'promoted', 'rolled_back', 'reverted']) rollouts.inc({ outcome }, 0);
  for (const code of ['200', '202', '401', '422', '502']) responses.inc({ code }, 0);
  for (const outcome of ['success', 'partial', 'blocked', 'error']) reconcileRuns.inc({ outcome }, 0);
  for (const change of ['create', 'update', 'delete']) reconcileChanges.inc({ change }, 0);
  for (const outcome of ['success', 'error']) statusWrites.inc({ outcome }, 0);
  for (const reason of Object.values(SignatureFailure)) rejected.inc({ reason }, 0);
  for (const reason of ignoreCodes) ignored.inc({ reason }, 0);
  for (const reason of preflightReasons) preflight.inc({ reason }, 0);
  return {
    registry,
    webhookEvent: (entity, action) => events.inc({ entity, action }),
    webhookRejected: (reason) => rejected.inc({ reason }),
    webhookIgnored: (reason) => ignored.inc({ reason }),
    preflightRejected: (reason) => preflight.inc({ reason }),
    inferenceServiceOperation: (operation, status) => operations.inc({ operation, status }),
    webhookDuration: (seconds) => duration.observe(seconds),
    mlflowApiError: () => mlflowErrors.inc(),
    kubernetesApiError: () => kubeErrors.inc(),
    webhookResponse: (status) => responses.inc({ code: String(status) }),
    reconcileRun: (outcome, changes) => {
      reconcileRuns.inc({ outcome });
      for (const change of ['create', 'update', 'delete'] as const) reconcileChanges.inc({ change }, changes[change]);
      if (outcome === 'success') reconcileLastSuccess.set(Date.now() / 1000);
    },
    statusWrite: (outcome, lagSeconds) => {
      statusWrites.inc({ outcome });
      if (outcome === 'success') statusLag.observe(lagSeconds);
    },
    leader: (isLeader) => leader.set(isLeader ? 1 : 0),
    dependencyUp: (dependency, up) => dependencyUp.set({ dependency }, up ? 1 : 0),
    rollout: (outcome) => rollouts.inc({ outcome }),
    rolloutPercent: (model, alias, percent) => rolloutPercent.set({ model, alias }, percent),
    rolloutCheck: (check, result) => rolloutChecks.inc({ check, result }),
    metricsText: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
  };
}
