/**
 * `@mlflow-kserve/core/operations`: what the CLI and custom tooling run on a runtime beside the webhook —
 * reconcile, promote, status write-back, listing, health, MLflow's webhook setup, the parts of converge
 * (`planStep`, `desiredManifest`), the work queue background work runs on, and the helpers they share.
 * @packageDocumentation
 */
export type { ConvergeOptions } from './converge/converge.js';
export { promote } from './converge/promote.js';
export { rollback } from './converge/rollback.js';
export {
  nextRollout,
  type RolloutSpec,
  type RolloutInput,
  type RolloutDecision,
  type CanaryHealth,
  type CheckResult,
} from './rollout/next-rollout.js';
export {
  readRollout,
  rolloutAnnotations,
  describeRollout,
  RolloutAnnotations,
  noRollout,
  type RolloutRecord,
} from './rollout/rollout-record.js';
export { decideRollout, type DecideRolloutInput } from './rollout/decide-rollout.js';
export { canaryHealth, canaryRevision, withoutCanary } from './rollout/canary-health.js';
export { builtinChecks, parseChecks, renderQuery, runChecks, type CheckSpec, type CheckValues } from './analysis/analysis-checks.js';
export { PrometheusQueryClient } from './analysis/prometheus-query-client.js';
export type { MetricsQueryPort } from './ports/metrics-query-port.js';
export { parseKey } from './converge/parse-key.js';
export { planStep, type Step } from './converge/plan-step.js';
export { desiredManifest, type DesiredService } from './converge/desired-manifest.js';
export { preflightProblems } from './preflight/preflight-problems.js';
export { readKeyState } from './converge/key-queries/query-of.js';
export type { KeyState } from './converge/key-state.js';
export { serviceNameFor } from './keys/identity-of.js';
export type { StatusPlace } from './keys/key-identity.js';
export {
  reconcile,
  massDeleteFloor,
  type ReconcileOptions,
  type ReconcileReport,
  type ReconcileItem,
  type ReconcileAction,
} from './reconcile/reconcile.js';
export { scheduleReconcile, type ReconcileSchedule } from './reconcile/schedule-reconcile.js';
export { deploymentStatus, type DeploymentStatus, type DeploymentState } from './status/deployment-status.js';
export { summarizeStatus, type StatusSummary } from './status/summarize-status.js';
export { writeStatus, type StatusReport } from './status/write-status.js';
export { syncStatus, type StatusSyncReport } from './status/sync-status.js';
export { liveStatusSource } from './status/live-status-source.js';
export { readStatusSnapshot, type StatusSnapshot } from './status/status-snapshot.js';
export { startStatusWriter, type StatusWriter, type StatusWriterOptions } from './status/start-status-writer.js';
export { keysOfChange } from './status/keys-of-change.js';
export { WorkQueue, type WorkQueueOptions, type WorkResult, type QueueClock } from './queue/work-queue.js';
export { createTaskQueue, type Task } from './queue/task.js';
export { startBackgroundWork, convergeTask, type BackgroundWork } from './assembly/start-background-work.js';
export { listServices, type ManagedService } from './handler/list-services.js';
export { listManaged } from './ownership/list-managed.js';
export { health, type HealthReport } from './handler/health.js';
export { probeDependencies, type DependencyProbe } from './handler/probe-dependencies.js';
export { Ownership, ownerOf, withOwnership, ownershipConflict, type OwnerRecord } from './ownership/ownership.js';
export { ensureWebhook, webhookEvents, type EnsureWebhookResult } from './webhooks/ensure-webhook.js';
export { webhooksPortOf } from './webhooks/webhooks-port-of.js';
export type { MlflowWebhook, MlflowWebhooksPort, WebhookEventSpec, WebhookTestResult } from './ports/mlflow-webhooks-port.js';
export { EventFedMlflow } from './mlflow/event-fed-mlflow.js';
export { redactConfig, redactUrl } from './config/redact-config.js';
export { envPrefix, type LoadConfigOptions } from './config/load-config.js';
export { secretConfigKeys } from './config/config-schema.js';
export { statusWritebackEnabled } from './status/status-writeback-enabled.js';
export { toYaml } from './render/to-yaml.js';
export { isPullableUri, resolveStorageUri, type StorageFacts } from './storage/resolve-storage-uri.js';
export {
  resolveOverrides,
  overrideNames,
  type Overrides,
  type OverrideName,
  type OverrideResolution,
} from './overrides/resolve-overrides.js';
export { isDeployValue } from './decide/deploy-policy.js';
export { wantsDeployment } from './decide/wants-deployment.js';
export { labelValue } from './naming/label-value.js';
export { maxNameLength, type InferenceServiceNameOptions } from './naming/inference-service-name.js';
export { aliasServiceName } from './naming/alias-service-name.js';
export type { WebhookHandler, WebhookHandlerOptions } from './handler/create-webhook-handler.js';
export { routes, type RequestHandlerOptions } from './handler/create-request-handler.js';
export type { NodeListenerOptions } from './http/create-node-listener.js';
export { startLeaderElection, type LeaderElection, type LeaderElectionOptions, type Clock } from './leader/start-leader-election.js';
export { silentLogger, type LogLevel } from './observe/logger.js';
export { createJsonLogger } from './observe/create-json-logger.js';
export { noopMetrics, type Metrics } from './observe/metrics.js';
export type { RuntimeState } from './runtime/runtime.js';
export type { SignPayloadInput } from './signature/sign-payload.js';
export type { VerifySignatureInput } from './signature/verify-signature.js';
export { type AccessGrant, inferenceServiceVerbs, leaseVerbs, requiredAccess, servingRuntimeVerbs } from './config/required-access.js';
