import type { InferenceServiceManifest } from '../render/inference-service-manifest.js';

/** A user-facing status of one InferenceService. */
export interface StatusSummary {
  state: 'Ready' | 'NotReady' | 'Unknown';
  reason: string | undefined;
  message: string | undefined;
  url: string | undefined;
  /** `status.modelStatus.states.activeModelState`, e.g. Loaded or FailedToLoad. */
  modelState: string | undefined;
  lastFailure: { reason: string | undefined; message: string | undefined } | undefined;
}

type Condition = { type?: unknown; status?: unknown; reason?: unknown; message?: unknown };
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * Summarizes KServe's status: `Ready` when the Ready condition is True, `NotReady` with the reason of the
 * first failing condition (or the model's last failure), `Unknown` while KServe has not reported.
 *
 * @example
 * ```ts
 * summarizeStatus(isvc); // { state: 'Ready', url: 'http://iris.example.com', modelState: 'Loaded', … }
 * ```
 */
export function summarizeStatus(object: InferenceServiceManifest): StatusSummary {
  const status = (object.status ?? {}) as Record<string, any>;
  const conditions: Condition[] = Array.isArray(status['conditions']) ? status['conditions'] : [];
  const ready = conditions.find((c) => c.type === 'Ready');
  const modelStatus = status['modelStatus'] ?? {};
  const failure = modelStatus.lastFailureInfo;
  const lastFailure = failure ? { reason: str(failure.reason), message: str(failure.message) } : undefined;
  const base = {
    url: str(status['url']) ?? str(status['address']?.url),
    modelState: str(modelStatus.states?.activeModelState),
    lastFailure,
  };
  if (!ready || (ready.status !== 'True' && ready.status !== 'False')) {
    return { state: 'Unknown', reason: str(ready?.reason), message: str(ready?.message), ...base };
  }
  if (ready.status === 'True') return { state: 'Ready', reason: undefined, message: undefined, ...base };
  const failing = conditions.find((c) => c.type !== 'Ready' && c.status === 'False') ?? ready;
  return {
    state: 'NotReady',
    reason: str(failing.reason) ?? lastFailure?.reason ?? str(failing.type),
    message: str(failing.message) ?? lastFailure?.message,
    ...base,
  };
}
