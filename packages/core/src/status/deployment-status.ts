import type { InferenceServiceManifest } from '../render/inference-service-manifest.js';
import { redactText } from '../util/redact-text.js';
import { summarizeStatus } from './summarize-status.js';

/** What a data scientist sees in MLflow about a deployment. */
export type DeploymentState = 'Pending' | 'Ready' | 'Failed' | 'Removed' | 'Rendered' | 'Committed' | 'Rejected' | 'RolledBack';

/** The state, URL and failure message of one InferenceService (or its absence). */
export interface DeploymentStatus {
  state: DeploymentState;
  url: string | undefined;
  message: string | undefined;
}

const failedTransitions = new Set(['BlockedByFailedLoad', 'InvalidSpec']);
const failedModelStates = new Set(['FailedToLoad']);
/** Longest `message` written to MLflow. */
export const maxStatusMessageLength = 500;

/**
 * Reduces KServe's status to what a model's owner needs: `Ready` (with its URL) when the Ready condition
 * is True; `Failed` with the reason when the model failed to load or the spec is invalid; `Pending` while
 * KServe works on it; `Removed` when there is no InferenceService. The message is at most 500 characters,
 * with credentials and file paths removed.
 *
 * @example
 * ```ts
 * deploymentStatus(isvc); // { state: 'Ready', url: 'http://fraud.models.example.com', message: undefined }
 * deploymentStatus(null); // { state: 'Removed', url: undefined, message: undefined }
 * ```
 */
export function deploymentStatus(object: InferenceServiceManifest | null): DeploymentStatus {
  if (!object) return { state: 'Removed', url: undefined, message: undefined };
  const summary = summarizeStatus(object);
  if (summary.state === 'Ready') return { state: 'Ready', url: summary.url, message: undefined };
  const modelStatus = ((object.status ?? {}) as Record<string, any>)['modelStatus'] ?? {};
  const failed =
    failedTransitions.has(modelStatus.transitionStatus) ||
    failedModelStates.has(summary.modelState ?? '') ||
    summary.lastFailure !== undefined;
  const parts = [summary.reason, summary.message ?? summary.lastFailure?.message].filter(Boolean);
  const message = parts.length > 0 ? redactText(parts.join(': ')).slice(0, maxStatusMessageLength) : undefined;
  return { state: summary.state === 'NotReady' && failed ? 'Failed' : 'Pending', url: undefined, message };
}
