import type { KubeConfig } from '@kubernetes/client-node';
import { Watch } from '@kubernetes/client-node/dist/watch.js';
import type { ApplyPrecondition, KubePort, WatchEvent } from '../ports/kube-port.js';
import type { InferenceServiceManifest } from '../render/inference-service-manifest.js';
import type { AccessGrant } from '../config/required-access.js';
import { kubeError } from './kube-error.js';
import { describeVerbGrant, type ResourceRule, uncoveredVerbs, type VerbGrant } from './uncovered-verbs.js';
import { kubeRequest } from './kube-request.js';
import { adoptUpdateFields, type ManagedFieldsEntry } from './adopt-update-fields.js';
import type { ServingRuntimeSummary } from '../ports/serving-runtime-summary.js';
import { servingRuntimeSummary } from './serving-runtime-summary.js';

const resource = { group: 'serving.kserve.io', version: 'v1beta1', plural: 'inferenceservices' } as const;
const collection = (namespace: string): string =>
  `/apis/${resource.group}/${resource.version}/namespaces/${encodeURIComponent(namespace)}/${resource.plural}`;
const item = (namespace: string, name: string): string => `${collection(namespace)}/${encodeURIComponent(name)}`;

/**
 * A watch's failure as a `kubernetes_error`. client-node's `Watch` keeps only the status of a refused watch (its
 * `statusCode` and status text, not the API server's `Status` body), so a refusal is named here: the verb and
 * resource that were asked for.
 */
function watchError(namespace: string, error: unknown) {
  const what = `watch of InferenceServices in ${namespace}`;
  const code = (error as { statusCode?: unknown } | undefined)?.statusCode;
  if (typeof code !== 'number') return kubeError(what, error);
  const refused = code === 403 ? `this identity may not watch ${resource.plural}.${resource.group} in ${namespace}` : undefined;
  return kubeError(what, { code, body: { reason: (error as Error).message, ...(refused ? { message: refused } : {}) } });
}

/** Options of {@link ClientNodeKube}. */
export interface ClientNodeKubeOptions {
  /** Field manager for server-side apply. Default `mlflow-kserve`. */
  fieldManager?: string;
  /** Page size of list calls. Default 500. */
  pageSize?: number;
}

/**
 * {@link KubePort} over `@kubernetes/client-node`'s connection (server, TLS, credentials, proxies) and `Watch`:
 * create with strict field validation, update by server-side apply (field manager `mlflow-kserve`) guarded by
 * `resourceVersion`, delete guarded by `uid` (not found is success), paginated list by label selector, and a
 * discovery call as connectivity check. Requests are plain JSON over `node:https`, not client-node’s
 * generated API classes, so a bundle leaves those out.
 *
 * @example
 * ```ts
 * import { KubeConfig } from '@kubernetes/client-node';
 * import { ClientNodeKube } from '@mlflow-kserve/core/kube';
 * const kc = new KubeConfig(); kc.loadFromCluster();
 * const kube = new ClientNodeKube(kc);
 * ```
 */
export class ClientNodeKube implements KubePort {
  private readonly fieldManager: string;
  private readonly pageSize: number;

  constructor(
    /** The client configuration, for other APIs (e.g. leases for leader election). */
    readonly kubeConfig: KubeConfig,
    options: ClientNodeKubeOptions = {},
  ) {
    this.fieldManager = options.fieldManager ?? 'mlflow-kserve';
    this.pageSize = options.pageSize ?? 500;
  }

  async apply(manifest: InferenceServiceManifest, precondition: ApplyPrecondition): Promise<void> {
    const { namespace, name } = manifest.metadata;
    const body = structuredClone(manifest);
    delete body.status;
    delete body.metadata['managedFields'];
    try {
      if (precondition.resourceVersion === undefined) {
        delete body.metadata['resourceVersion'];
        // A create that fails when the name exists (server-side apply cannot say "must not exist")...
        const created = await kubeRequest<InferenceServiceManifest>(this.kubeConfig, 'POST', collection(namespace), {
          query: { fieldManager: this.fieldManager, fieldValidation: 'Strict' },
          body,
        });
        // ...whose fields then become this manager's applied fields, so that a later apply drops what it no longer sends.
        await this.adopt(created).catch(() => undefined);
      } else {
        const applied = await this.serverSideApply(body, precondition.resourceVersion);
        // An object created before (or whose adoption after create failed): adopt its fields and apply once more,
        // which now removes what this apply left out.
        const adopted = await this.adopt(applied);
        if (adopted) await this.serverSideApply(body, String(adopted.metadata['resourceVersion'] ?? ''));
      }
    } catch (error) {
      throw kubeError(`apply of InferenceService ${namespace}/${name}`, error);
    }
  }

  private serverSideApply(body: InferenceServiceManifest, resourceVersion: string): Promise<InferenceServiceManifest> {
    const { namespace, name } = body.metadata;
    // Server-side apply takes YAML, and JSON is YAML.
    return kubeRequest<InferenceServiceManifest>(this.kubeConfig, 'PATCH', item(namespace, name), {
      query: { fieldManager: this.fieldManager, fieldValidation: 'Strict', force: true },
      body: { ...body, metadata: { ...body.metadata, resourceVersion } },
      contentType: 'application/apply-patch+yaml',
    });
  }

  /**
   * Moves the fields this manager owns through ordinary writes into its applied fields ({@link adoptUpdateFields}),
   * guarded by the object's resourceVersion; the object after the move, or `undefined` when there was nothing to move.
   */
  private async adopt(object: InferenceServiceManifest | undefined): Promise<InferenceServiceManifest | undefined> {
    const fields = adoptUpdateFields(object?.metadata['managedFields'] as ManagedFieldsEntry[] | undefined, this.fieldManager);
    if (!object || !fields) return undefined;
    const { namespace, name, resourceVersion } = object.metadata;
    return kubeRequest<InferenceServiceManifest>(this.kubeConfig, 'PATCH', item(namespace, name), {
      body: [
        { op: 'test', path: '/metadata/resourceVersion', value: resourceVersion },
        { op: 'replace', path: '/metadata/managedFields', value: fields },
      ],
      contentType: 'application/json-patch+json',
    });
  }

  async delete(namespace: string, name: string, precondition: { uid?: string | undefined } = {}): Promise<boolean> {
    try {
      await kubeRequest(this.kubeConfig, 'DELETE', item(namespace, name), {
        body: {
          apiVersion: 'v1',
          kind: 'DeleteOptions',
          // Background: the InferenceService goes at once; Kubernetes' garbage collector removes what KServe
          // made for it afterwards (Foreground would keep it, terminating, until every pod is gone).
          propagationPolicy: 'Background',
          ...(precondition.uid ? { preconditions: { uid: precondition.uid } } : {}),
        },
      });
      return true;
    } catch (error) {
      if ((error as { code?: unknown }).code === 404) return false;
      throw kubeError(`delete of InferenceService ${namespace}/${name}`, error);
    }
  }

  async get(namespace: string, name: string): Promise<InferenceServiceManifest | null> {
    try {
      return await kubeRequest<InferenceServiceManifest>(this.kubeConfig, 'GET', item(namespace, name));
    } catch (error) {
      if (
        (error as { code?: unknown }).code === 404 &&
        !/the server could not find the requested resource/i.test(String((error as { body?: unknown }).body))
      )
        return null;
      throw kubeError(`get of InferenceService ${namespace}/${name}`, error);
    }
  }

  async list(namespace: string, labelSelector: string): Promise<InferenceServiceManifest[]> {
    const items: InferenceServiceManifest[] = [];
    let token: string | undefined;
    do {
      let page: { items?: InferenceServiceManifest[]; metadata?: { continue?: string } } | undefined;
      try {
        page = await kubeRequest(this.kubeConfig, 'GET', collection(namespace), {
          query: { labelSelector, limit: this.pageSize, continue: token },
        });
      } catch (error) {
        throw kubeError(`list of InferenceServices in ${namespace}`, error);
      }
      items.push(...(page?.items ?? []));
      token = page?.metadata?.continue || undefined;
    } while (token);
    return items;
  }

  async watch(
    namespace: string,
    labelSelector: string,
    onEvent: (event: WatchEvent) => void,
    onDone: (error?: unknown) => void,
  ): Promise<{ stop(): void }> {
    try {
      const controller = await new Watch(this.kubeConfig).watch(
        collection(namespace),
        { labelSelector },
        (type, object) => {
          if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED') onEvent({ type, object: object as InferenceServiceManifest });
        },
        (error) => onDone(error ? watchError(namespace, error) : undefined),
      );
      return { stop: () => controller.abort() };
    } catch (error) {
      throw watchError(namespace, error);
    }
  }

  /**
   * Asks the API server which rules this identity has in each namespace of `grants` (one SelfSubjectRulesReview per
   * namespace, which every authenticated user may make), then asks about each verb those rules do not cover with a
   * SelfSubjectAccessReview, which every authorizer answers (a rules review lists only what RBAC grants; access an
   * authorization webhook grants, as managed clusters' IAM does, shows only there). Returns the verbs refused.
   */
  async missingAccess(grants: AccessGrant[]): Promise<string[]> {
    // Cluster-scoped grants (namespace '') have no namespace to review: they are asked about one by one below.
    const namespaces = [...new Set(grants.map((g) => g.namespace))].filter((namespace) => namespace !== '');
    const reviews = await Promise.all(
      namespaces.map(async (namespace) => {
        try {
          const review = await kubeRequest<{ status?: { resourceRules?: ResourceRule[] } }>(
            this.kubeConfig,
            'POST',
            '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews',
            { body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace } } },
          );
          return [namespace, review.status?.resourceRules ?? []] as const;
        } catch (error) {
          throw kubeError(`review of this identity's permissions in ${namespace}`, error);
        }
      }),
    );
    const uncovered = uncoveredVerbs(grants, Object.fromEntries(reviews));
    const allowed = await Promise.all(uncovered.map((grant) => this.mayI(grant)));
    return uncovered.filter((_, i) => !allowed[i]).map(describeVerbGrant);
  }

  /** One SelfSubjectAccessReview: whether this identity may do `verb` on the resource in the namespace. */
  private async mayI(grant: VerbGrant): Promise<boolean> {
    try {
      const review = await kubeRequest<{ status?: { allowed?: boolean } }>(
        this.kubeConfig,
        'POST',
        '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
        {
          body: {
            apiVersion: 'authorization.k8s.io/v1',
            kind: 'SelfSubjectAccessReview',
            spec: { resourceAttributes: { namespace: grant.namespace, verb: grant.verb, group: grant.group, resource: grant.resource } },
          },
        },
      );
      return review.status?.allowed === true;
    } catch (error) {
      throw kubeError(`review of this identity's permission to ${describeVerbGrant(grant)}`, error);
    }
  }

  async servingRuntimes(namespace: string): Promise<ServingRuntimeSummary[]> {
    const read = async (kind: ServingRuntimeSummary['kind'], path: string): Promise<ServingRuntimeSummary[]> => {
      try {
        const page = await kubeRequest<{ items?: unknown[] }>(this.kubeConfig, 'GET', path);
        return (page?.items ?? []).map((object) => servingRuntimeSummary(kind, object));
      } catch (error) {
        // KServe's own controller treats a runtime kind whose CRD is missing as having none.
        if ((error as { code?: unknown }).code === 404) return [];
        throw kubeError(`list of ${kind}s${kind === 'ServingRuntime' ? ` in ${namespace}` : ''}`, error);
      }
    };
    const [namespaced, cluster] = await Promise.all([
      read('ServingRuntime', `/apis/serving.kserve.io/v1alpha1/namespaces/${encodeURIComponent(namespace)}/servingruntimes`),
      read('ClusterServingRuntime', '/apis/serving.kserve.io/v1alpha1/clusterservingruntimes'),
    ]);
    return [...namespaced, ...cluster];
  }

  async ping(): Promise<void> {
    try {
      await kubeRequest(this.kubeConfig, 'GET', `/apis/${resource.group}/${resource.version}`);
    } catch (error) {
      throw kubeError('discovery of serving.kserve.io/v1beta1', error);
    }
  }
}
