/**
 * `@mlflow-kserve/core`: verify MLflow webhooks, decide which deployment keys an event concerns, name,
 * render and converge KServe InferenceServices — the headline pure functions, the ports and their types,
 * errors, and the webhook handler. This entry loads no HTTP framework and no Kubernetes client. Elsewhere:
 * the assembly every host takes on `/assemble`; reconcile, promote, status and the other operations the CLI
 * runs on `/operations`; real ports on `/mlflow`, `/kube`, `/directory`; fakes and the adapter contract
 * suite on `/testing`.
 * @packageDocumentation
 */
export { ErrorCode } from './errors/error-codes.js';
export { httpStatusForCode } from './errors/http-status-for-code.js';
export { MlflowKserveError, type MlflowKserveErrorOptions } from './errors/mlflow-kserve-error.js';
export { toMlflowKserveError } from './errors/to-mlflow-kserve-error.js';

export { verifySignature, SignatureFailure, type VerifySignatureResult } from './signature/verify-signature.js';
export { signPayload } from './signature/sign-payload.js';
export { MlflowHeaders } from './signature/mlflow-headers.js';

export { parseEvent } from './events/parse-event.js';
export { tagEventBody } from './events/tag-event-body.js';
export { eventBody } from './events/event-body.js';
export type { RegistryEvent } from './events/registry-event.js';

export { decideAction, type Action } from './decide/decide-action.js';
export { defaultDeployPolicy, type DeployPolicy } from './decide/deploy-policy.js';

export { inferenceServiceName } from './naming/inference-service-name.js';
export { sanitizeName } from './naming/sanitize-name.js';

export { renderManifest, type RenderedManifest } from './render/render-manifest.js';
export { defaultTemplate } from './render/default-template.js';
export { templateValuesFor, type TemplateValuesInput } from './render/template-values-for.js';
export type { TemplateValues } from './render/template-values.js';
export type { InferenceServiceManifest } from './render/inference-service-manifest.js';

export { configSchema, type Config } from './config/config-schema.js';
export { loadConfig } from './config/load-config.js';
export { loadTemplate } from './config/load-template.js';

export type { MlflowPort, ModelVersion, ModelVersionPage, RegisteredModelPage, RunInfo } from './ports/mlflow-port.js';
export type { KubePort, ApplyPrecondition, WatchEvent } from './ports/kube-port.js';
export type { Lease, LeasePort } from './ports/lease-port.js';

export type { WebhookRequest, WebhookResponse } from './http/types.js';
export { errorResponse } from './http/json-response.js';
export { createWebhookHandler } from './handler/create-webhook-handler.js';
export { createRequestHandler, type RequestHandler } from './handler/create-request-handler.js';
export { createNodeListener, writeResponse } from './http/create-node-listener.js';

export { aliasKey, versionKey, type DeploymentKey } from './keys/deployment-key.js';
export { describeKey } from './keys/identity-of.js';
export { converge, type ConvergeResult } from './converge/converge.js';
export { createRuntime, type MlflowKserveDeps, type Runtime } from './runtime/runtime.js';
export type { Logger } from './observe/logger.js';
