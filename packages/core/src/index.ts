/**
 * `@mlflow-kserve/core`: verify MLflow webhooks, decide, name, render and converge KServe InferenceServices.
 * This entry loads no HTTP framework and no Kubernetes client: real ports live on `/mlflow`, `/kube`,
 * `/directory`; fakes and the adapter contract suite on `/testing`.
 * @packageDocumentation
 */
export { ErrorCode } from './errors/error-codes.js';
export { httpStatusForCode } from './errors/http-status-for-code.js';
export { MlflowKserveError, type MlflowKserveErrorOptions } from './errors/mlflow-kserve-error.js';
export { toMlflowKserveError } from './errors/to-mlflow-kserve-error.js';

export { verifySignature, SignatureFailure, type VerifySignatureInput, type VerifySignatureResult } from './signature/verify-signature.js';
export { signPayload, type SignPayloadInput } from './signature/sign-payload.js';
export { MlflowHeaders } from './signature/mlflow-headers.js';

export { parseEvent } from './events/parse-event.js';
export { tagEventBody } from './events/tag-event-body.js';
export { eventBody } from './events/event-body.js';
export type * from './events/registry-event.js';

export { decideAction, type Action } from './decide/decide-action.js';
export { defaultDeployPolicy, isDeployValue, type DeployPolicy } from './decide/deploy-policy.js';
export { wantsDeployment } from './decide/wants-deployment.js';

export { inferenceServiceName, maxNameLength, type InferenceServiceNameOptions } from './naming/inference-service-name.js';
export { sanitizeName } from './naming/sanitize-name.js';
export { labelValue } from './naming/label-value.js';

export { renderManifest, type RenderedManifest } from './render/render-manifest.js';
export { toYaml } from './render/to-yaml.js';
export { defaultTemplate } from './render/default-template.js';
export { templateValuesFor, type TemplateValuesInput } from './render/template-values-for.js';
export type { TemplateValues } from './render/template-values.js';
export type { InferenceServiceManifest } from './render/inference-service-manifest.js';

export { configSchema, secretConfigKeys, type Config } from './config/config-schema.js';
export { loadConfig, envPrefix, type LoadConfigOptions } from './config/load-config.js';
export { redactConfig, redactUrl } from './config/redact-config.js';
export { loadTemplate } from './config/load-template.js';

export { isPullableUri, resolveStorageUri, type StorageFacts } from './storage/resolve-storage-uri.js';
export { summarizeStatus, type StatusSummary } from './status/summarize-status.js';
export { Ownership, ownerOf, withOwnership, ownershipConflict, type OwnerRecord } from './ownership/ownership.js';

export type { MlflowPort, ModelVersion, ModelVersionPage, RegisteredModelPage, RunInfo } from './ports/mlflow-port.js';
export type { KubePort, ApplyPrecondition, WatchEvent } from './ports/kube-port.js';

export type { WebhookRequest, WebhookResponse } from './http/types.js';
export { errorResponse } from './http/json-response.js';
export { createWebhookHandler, type WebhookHandler, type WebhookHandlerOptions } from './handler/create-webhook-handler.js';
export { createRequestHandler, routes, type RequestHandler, type RequestHandlerOptions } from './handler/create-request-handler.js';
export { health, type HealthReport } from './handler/health.js';
export { listServices, type ManagedService } from './handler/list-services.js';

export { createRuntime, type MlflowKserveDeps, type Runtime, type RuntimeState } from './runtime/runtime.js';
export { aliasKey, versionKey, describeKey, type DeploymentKey } from './converge/deployment-key.js';
export { parseKey } from './converge/parse-key.js';
export { converge, type ConvergeOptions, type ConvergeResult } from './converge/converge.js';
export { promote } from './converge/promote.js';
export { planStep, type Step, type CanaryOptions } from './converge/plan-step.js';
export { readKeyState, type KeyState, type EventHints } from './converge/read-key-state.js';
export { desiredManifest } from './converge/desired-manifest.js';
export { serviceNameFor } from './converge/service-name-for.js';
export { aliasServiceName } from './naming/alias-service-name.js';
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
export { writeStatus, type StatusTarget } from './status/write-status.js';
export {
  startStatusWriter,
  syncStatus,
  type StatusWriter,
  type StatusWriterOptions,
  type StatusSyncReport,
} from './status/start-status-writer.js';
export { statusWritebackEnabled } from './status/status-writeback-enabled.js';
export { startLeaderElection, type LeaderElection, type LeaderElectionOptions, type Clock } from './leader/start-leader-election.js';
export type { Lease, LeasePort } from './ports/lease-port.js';

export { silentLogger, type Logger, type LogLevel } from './observe/logger.js';
export { createJsonLogger } from './observe/create-json-logger.js';
export { noopMetrics, type Metrics } from './observe/metrics.js';
export { createNodeListener, writeResponse, type NodeListenerOptions } from './http/create-node-listener.js';
export { ensureWebhook, webhookEvents, type EnsureWebhookResult } from './webhooks/ensure-webhook.js';
export { keepWebhookEnsured } from './webhooks/keep-webhook-ensured.js';
export { webhooksPortOf } from './webhooks/webhooks-port-of.js';
export type { MlflowWebhook, MlflowWebhooksPort, WebhookEventSpec, WebhookTestResult } from './ports/mlflow-webhooks-port.js';
export {
  resolveOverrides,
  overrideNames,
  type Overrides,
  type OverrideName,
  type OverrideResolution,
} from './overrides/resolve-overrides.js';
