import { inferenceServiceVerbs, leaseVerbs, servingRuntimeVerbs } from '../config/required-access.js';
import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';

interface StatusBody {
  reason?: string;
  message?: string;
  /** What was not found (or refused): `{ kind: 'namespaces', name }` when the namespace does not exist. */
  details?: { kind?: string; name?: string };
}

function parseStatus(body: unknown): StatusBody {
  if (typeof body === 'string') {
    try {
      return JSON.parse(body) as StatusBody;
    } catch {
      return {};
    }
  }
  return typeof body === 'object' && body !== null ? (body as StatusBody) : {};
}

const hints: Record<number, string> = {
  401: 'the credentials were refused; check the kubeconfig or service account token.',
  403: `RBAC forbids it (the API server names the verb and resource above); the listener needs ${inferenceServiceVerbs.join(', ')} on inferenceservices.serving.kserve.io in each namespace it serves, and ${leaseVerbs.join(', ')} on leases.coordination.k8s.io in MLFLOW_KSERVE_KUBE_NAMESPACE, and for the preflight ${servingRuntimeVerbs.join(', ')} on servingruntimes.serving.kserve.io in each namespace and on clusterservingruntimes.serving.kserve.io (the Helm chart and k8s/rbac.yaml grant exactly these).`,
  404: 'the InferenceService CRD (serving.kserve.io/v1beta1) or the namespace does not exist; is KServe installed?',
  409: 'it changed concurrently; the next retry re-reads it.',
  422: 'the API server rejected the manifest; check the InferenceService template against the KServe CRD.',
};

/**
 * Turns a client-node failure (an `ApiException` with a `Status` body, or a network error) into a
 * `kubernetes_error` that says what failed and what to do. Conflicts, 429, 5xx and network errors are
 * retryable; other refusals are not.
 *
 * @example
 * ```ts
 * try { await api.getNamespacedCustomObject(req); } catch (e) { throw kubeError('get ns/name', e); }
 * ```
 */
export function kubeError(what: string, error: unknown): MlflowKserveError {
  const code = typeof (error as { code?: unknown })?.code === 'number' ? (error as { code: number }).code : undefined;
  if (code === undefined) {
    return new MlflowKserveError('kubernetes_error', `Kubernetes API unreachable during ${what}; check the cluster address and network.`, {
      cause: error,
      retryable: true,
      details: { kind: 'unavailable' },
    });
  }
  const status = parseStatus((error as { body?: unknown }).body);
  const reason = status.reason ?? String(code);
  // NamespaceLifecycle answers 404 for a write into a namespace that does not exist: say that, not "is KServe installed?".
  const missingNamespace = code === 404 && status.details?.kind === 'namespaces' ? status.details.name : undefined;
  const hint =
    missingNamespace !== undefined
      ? `namespace ${missingNamespace} does not exist; create it, or point MLFLOW_KSERVE_KUBE_NAMESPACE (or the model's kserve.namespace tag, within MLFLOW_KSERVE_ALLOWED_NAMESPACES) at one that does.`
      : (hints[code] ?? (code >= 500 ? 'the API server failed; it will be retried.' : ''));
  const detail = status.message ? `: ${status.message.slice(0, 500)}` : '';
  return new MlflowKserveError('kubernetes_error', `Kubernetes ${what} failed with ${code} ${reason}${detail}. ${hint}`.trim(), {
    cause: error,
    retryable: code === 409 || code === 429 || code >= 500,
    details: { status: code, reason },
  });
}
