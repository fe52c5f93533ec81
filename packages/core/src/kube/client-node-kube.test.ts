import { KubeConfig } from '@kubernetes/client-node';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { recordingMswServer } from '../test-support/recording-msw-server.js';
import { ClientNodeKube } from './client-node-kube.js';

const { server, seen } = recordingMswServer();
const base = 'https://k8s.test:6443/apis/serving.kserve.io/v1beta1/namespaces/ns/inferenceservices';

function kube(): ClientNodeKube {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server: 'https://k8s.test:6443', skipTLSVerify: true }],
    users: [{ name: 'u', token: 'test-token' }],
    contexts: [{ name: 'ctx', cluster: 'c', user: 'u' }],
    currentContext: 'ctx',
  });
  return new ClientNodeKube(kc, { pageSize: 2 });
}

const status = (code: number, reason: string, message = '') =>
  HttpResponse.json({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason, message, code }, { status: code });
const manifest = {
  apiVersion: 'serving.kserve.io/v1beta1',
  kind: 'InferenceService',
  metadata: { name: 'a', namespace: 'ns' },
  spec: { predictor: {} },
};

describe('ClientNodeKube', () => {
  it('apply without resourceVersion → POST create with fieldManager and strict validation', async () => {
    server.use(http.post(base, () => HttpResponse.json(manifest, { status: 201 })));
    await kube().apply(manifest, { resourceVersion: undefined });
    const url = new URL(seen[0]!.url);
    expect(seen[0]!.method).toBe('POST');
    expect(url.searchParams.get('fieldManager')).toBe('mlflow-kserve');
    expect(url.searchParams.get('fieldValidation')).toBe('Strict');
    expect(seen[0]!.headers.get('authorization')).toBe('Bearer test-token');
  });

  it("create answered with the manager's Update entry → a JSON patch (resourceVersion tested) makes those fields its applied ones", async () => {
    const entry = {
      manager: 'mlflow-kserve',
      operation: 'Update',
      apiVersion: 'serving.kserve.io/v1beta1',
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:spec': {} },
    };
    server.use(
      http.post(base, () =>
        HttpResponse.json(
          { ...manifest, metadata: { ...manifest.metadata, resourceVersion: '7', managedFields: [entry] } },
          { status: 201 },
        ),
      ),
      http.patch(`${base}/a`, () => HttpResponse.json(manifest)),
    );
    await kube().apply(manifest, { resourceVersion: undefined });
    expect(seen.map((r) => r.method)).toEqual(['POST', 'PATCH']);
    expect(seen[1]!.headers.get('content-type')).toBe('application/json-patch+json');
    expect(await seen[1]!.json()).toEqual([
      { op: 'test', path: '/metadata/resourceVersion', value: '7' },
      { op: 'replace', path: '/metadata/managedFields', value: [{ ...entry, operation: 'Apply' }] },
    ]);
  });

  it('apply with resourceVersion → server-side apply PATCH, force, precondition in body', async () => {
    server.use(http.patch(`${base}/a`, () => HttpResponse.json(manifest)));
    await kube().apply({ ...manifest, status: { x: 1 }, metadata: { ...manifest.metadata, managedFields: [] } }, { resourceVersion: '42' });
    const request = seen[0]!;
    const url = new URL(request.url);
    expect(request.headers.get('content-type')).toBe('application/apply-patch+yaml');
    expect(url.searchParams.get('fieldManager')).toBe('mlflow-kserve');
    expect(url.searchParams.get('force')).toBe('true');
    const body = (await request.json()) as Record<string, unknown>;
    expect(body.metadata).toEqual({ name: 'a', namespace: 'ns', resourceVersion: '42' });
    expect(body).not.toHaveProperty('status');
  });

  it('create answered 409 AlreadyExists → retryable kubernetes_error with reason', async () => {
    server.use(http.post(base, () => status(409, 'AlreadyExists', 'inferenceservices "a" already exists')));
    await expect(kube().apply(manifest, { resourceVersion: undefined })).rejects.toMatchObject({
      code: 'kubernetes_error',
      retryable: true,
      details: { status: 409, reason: 'AlreadyExists' },
    });
  });

  it('apply answered 422 Invalid → non-retryable error quoting the API server', async () => {
    server.use(http.patch(`${base}/a`, () => status(422, 'Invalid', 'spec.predictor.bogus: field not declared in schema')));
    const error = await kube()
      .apply(manifest, { resourceVersion: '1' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'kubernetes_error', retryable: false, details: { status: 422, reason: 'Invalid' } });
    expect((error as Error).message).toContain('field not declared in schema');
  });

  it('403 Forbidden → the API server’s message, then the grants the listener needs (InferenceServices and the Lease)', async () => {
    server.use(http.get(`${base}/a`, () => status(403, 'Forbidden', 'user "u" cannot get resource "inferenceservices"')));
    await expect(kube().get('ns', 'a')).rejects.toThrow(
      /403 Forbidden: user "u" cannot get resource "inferenceservices"\. RBAC forbids it .*watch.*inferenceservices\.serving\.kserve\.io.*leases\.coordination\.k8s\.io in MLFLOW_KSERVE_KUBE_NAMESPACE/,
    );
  });

  it('create into a namespace that does not exist (404 with details.kind namespaces) → the namespace named and the settings to change', async () => {
    server.use(
      http.post(base, () =>
        HttpResponse.json(
          {
            kind: 'Status',
            status: 'Failure',
            reason: 'NotFound',
            code: 404,
            message: 'namespaces "ns" not found',
            details: { name: 'ns', kind: 'namespaces' },
          },
          { status: 404 },
        ),
      ),
    );
    await expect(kube().apply(manifest, { resourceVersion: undefined })).rejects.toThrow(
      /404 NotFound: namespaces "ns" not found\. namespace ns does not exist; create it, or point MLFLOW_KSERVE_KUBE_NAMESPACE .*kserve\.namespace/,
    );
  });

  it('get of a missing object (404 NotFound Status) → null', async () => {
    server.use(http.get(`${base}/a`, () => status(404, 'NotFound', 'inferenceservices.serving.kserve.io "a" not found')));
    expect(await kube().get('ns', 'a')).toBeNull();
  });

  it('get when the CRD is missing (404 page not found) → error saying KServe may be missing', async () => {
    server.use(http.get(`${base}/a`, () => status(404, 'NotFound', 'the server could not find the requested resource')));
    await expect(kube().get('ns', 'a')).rejects.toThrow(/KServe installed/);
  });

  it('delete → DELETE with uid precondition; 404 → false', async () => {
    server.use(http.delete(`${base}/a`, () => HttpResponse.json({ kind: 'Status', status: 'Success' })));
    expect(await kube().delete('ns', 'a', { uid: 'u-1' })).toBe(true);
    expect(await seen[0]!.json()).toEqual({
      apiVersion: 'v1',
      kind: 'DeleteOptions',
      propagationPolicy: 'Background',
      preconditions: { uid: 'u-1' },
    });
    server.use(http.delete(`${base}/a`, () => status(404, 'NotFound')));
    expect(await kube().delete('ns', 'a')).toBe(false);
  });

  it('delete answered with the object (finalizers pending) → true', async () => {
    server.use(
      http.delete(`${base}/a`, () =>
        HttpResponse.json({ ...manifest, metadata: { ...manifest.metadata, deletionTimestamp: '2026-01-01T00:00:00Z' } }),
      ),
    );
    expect(await kube().delete('ns', 'a')).toBe(true);
  });

  it('list over three pages → every item, continue tokens and label selector sent', async () => {
    server.use(
      http.get(base, ({ request }) => {
        const token = new URL(request.url).searchParams.get('continue');
        const item = (n: string) => ({ ...manifest, metadata: { name: n, namespace: 'ns' } });
        if (!token) return HttpResponse.json({ items: [item('a'), item('b')], metadata: { continue: 'p2' } });
        if (token === 'p2') return HttpResponse.json({ items: [item('c'), item('d')], metadata: { continue: 'p3' } });
        return HttpResponse.json({ items: [item('e')], metadata: {} });
      }),
    );
    const items = await kube().list('ns', 'managed-by=mlflow-kserve');
    expect(items.map((i) => i.metadata.name)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(seen).toHaveLength(3);
    expect(new URL(seen[0]!.url).searchParams.get('labelSelector')).toBe('managed-by=mlflow-kserve');
    expect(new URL(seen[0]!.url).searchParams.get('limit')).toBe('2');
  });

  it('API server down → retryable unavailable error', async () => {
    server.use(http.get(`${base}/a`, () => HttpResponse.error()));
    await expect(kube().get('ns', 'a')).rejects.toMatchObject({ code: 'kubernetes_error', retryable: true });
  });

  it('ping → GET discovery of serving.kserve.io/v1beta1', async () => {
    server.use(
      http.get('https://k8s.test:6443/apis/serving.kserve.io/v1beta1', () =>
        HttpResponse.json({ kind: 'APIResourceList', groupVersion: 'serving.kserve.io/v1beta1', resources: [] }),
      ),
    );
    await kube().ping();
    expect(seen).toHaveLength(1);
  });

  const rulesReviews = 'https://k8s.test:6443/apis/authorization.k8s.io/v1/selfsubjectrulesreviews';
  const accessReviews = 'https://k8s.test:6443/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';
  type Attributes = { namespace: string; verb: string; group: string; resource: string };
  /** An API server whose rules review reports `verbs` in namespace a and everything in b, and whose access review allows `allowed`. */
  function authorizer(verbs: string[], allowed: (a: Attributes) => boolean, incomplete = false) {
    server.use(
      http.post(rulesReviews, async ({ request }) => {
        const { spec } = (await request.json()) as { spec: { namespace: string } };
        const ruleVerbs = spec.namespace === 'a' ? verbs : ['*'];
        return HttpResponse.json(
          {
            status: {
              resourceRules: [{ verbs: ruleVerbs, apiGroups: ['serving.kserve.io'], resources: ['inferenceservices'] }],
              incomplete,
            },
          },
          { status: 201 },
        );
      }),
      http.post(accessReviews, async ({ request }) => {
        const { spec } = (await request.json()) as { spec: { resourceAttributes: Attributes } };
        return HttpResponse.json({ status: { allowed: allowed(spec.resourceAttributes) } }, { status: 201 });
      }),
    );
  }
  const grants = ['a', 'b'].map((namespace) => ({
    namespace,
    group: 'serving.kserve.io',
    resource: 'inferenceservices',
    verbs: ['get', 'delete'],
  }));

  it('missingAccess → one SelfSubjectRulesReview per namespace; a verb its rules do not cover, refused by its SelfSubjectAccessReview → missing', async () => {
    authorizer(['get', 'list'], () => false);
    expect(await kube().missingAccess(grants)).toEqual(['delete inferenceservices.serving.kserve.io in a']);
    expect(seen.filter((r) => r.url === rulesReviews)).toHaveLength(2);
    const asked = seen.filter((r) => r.url === accessReviews);
    expect(asked).toHaveLength(1);
    expect(((await asked[0]!.json()) as { spec: unknown }).spec).toEqual({
      resourceAttributes: { namespace: 'a', verb: 'delete', group: 'serving.kserve.io', resource: 'inferenceservices' },
    });
  });

  it('missingAccess, a verb an authorization webhook grants (the rules review incomplete, without it; the access review allows it) → not missing', async () => {
    authorizer(['get'], (a) => a.verb === 'delete', true);
    expect(await kube().missingAccess(grants)).toEqual([]);
  });

  it('missingAccess, every verb covered by the rules → no access review asked', async () => {
    authorizer(['*'], () => false);
    expect(await kube().missingAccess(grants)).toEqual([]);
    expect(seen.filter((r) => r.url === accessReviews)).toHaveLength(0);
  });

  it('missingAccess when the access review fails → kubernetes_error naming the permission it asked about', async () => {
    authorizer(['get'], () => false);
    server.use(http.post(accessReviews, () => status(500, 'InternalError')));
    await expect(kube().missingAccess(grants)).rejects.toThrow(
      /review of this identity's permission to delete inferenceservices\.serving\.kserve\.io in a failed with 500/,
    );
  });

  it('watch answered 403 → onDone with a kubernetes_error naming the verb, the resource and the grants needed', async () => {
    server.use(http.get(base, () => status(403, 'Forbidden', 'cannot watch')));
    const ended = await new Promise<unknown>((resolve) => {
      void kube()
        .watch('ns', 'app=x', () => undefined, resolve)
        .catch(resolve);
    });
    expect(ended).toMatchObject({ code: 'kubernetes_error', retryable: false, details: { status: 403, reason: 'Forbidden' } });
    expect((ended as Error).message).toMatch(
      /^Kubernetes watch of InferenceServices in ns failed with 403 Forbidden: this identity may not watch inferenceservices\.serving\.kserve\.io in ns\. RBAC forbids it .*get, list, watch, create, patch, delete on inferenceservices/,
    );
    const url = new URL(seen[0]!.url);
    expect([url.searchParams.get('watch'), url.searchParams.get('labelSelector')]).toEqual(['true', 'app=x']);
  });

  it('watch answered 500 → onDone with a retryable kubernetes_error', async () => {
    server.use(http.get(base, () => status(500, 'InternalError')));
    const ended = await new Promise<unknown>((resolve) => {
      void kube()
        .watch('ns', 'app=x', () => undefined, resolve)
        .catch(resolve);
    });
    expect(ended).toMatchObject({ code: 'kubernetes_error', retryable: true, details: { status: 500 } });
  });

  it('missingAccess when the review is refused → kubernetes_error naming the review', async () => {
    server.use(http.post('https://k8s.test:6443/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', () => status(401, 'Unauthorized')));
    await expect(
      kube().missingAccess([{ namespace: 'a', group: 'serving.kserve.io', resource: 'inferenceservices', verbs: ['get'] }]),
    ).rejects.toThrow(/review of this identity's permissions in a failed with 401/);
  });
  it('missingAccess, a cluster-scoped grant (namespace "") → no rules review for it; one access review without a namespace', async () => {
    authorizer(['*'], (a) => a.resource !== 'clusterservingruntimes');
    const cluster = { namespace: '', group: 'serving.kserve.io', resource: 'clusterservingruntimes', verbs: ['list'] };
    expect(await kube().missingAccess([grants[0]!, cluster])).toEqual(['list clusterservingruntimes.serving.kserve.io cluster-wide']);
    expect(seen.filter((r) => r.url === rulesReviews)).toHaveLength(1);
    const asked = seen.filter((r) => r.url === accessReviews);
    expect(((await asked[0]!.json()) as { spec: unknown }).spec).toEqual({
      resourceAttributes: { namespace: '', verb: 'list', group: 'serving.kserve.io', resource: 'clusterservingruntimes' },
    });
  });

  const runtimesUrl = 'https://k8s.test:6443/apis/serving.kserve.io/v1alpha1/namespaces/ns/servingruntimes';
  const clusterRuntimesUrl = 'https://k8s.test:6443/apis/serving.kserve.io/v1alpha1/clusterservingruntimes';

  it('servingRuntimes → the namespace’s ServingRuntimes and the ClusterServingRuntimes, summarised', async () => {
    server.use(
      http.get(runtimesUrl, () =>
        HttpResponse.json({
          items: [{ metadata: { name: 'team' }, spec: { disabled: true, supportedModelFormats: [{ name: 'mlflow', version: '2' }] } }],
        }),
      ),
      http.get(clusterRuntimesUrl, () =>
        HttpResponse.json({
          items: [
            {
              metadata: { name: 'kserve-mlserver' },
              spec: { protocolVersions: ['v2'], supportedModelFormats: [{ name: 'mlflow', version: '2', autoSelect: true, priority: 1 }] },
            },
          ],
        }),
      ),
    );
    expect(await kube().servingRuntimes('ns')).toEqual([
      {
        name: 'team',
        kind: 'ServingRuntime',
        disabled: true,
        multiModel: false,
        multiNode: false,
        protocolVersions: [],
        formats: [{ name: 'mlflow', version: '2', autoSelect: false }],
      },
      {
        name: 'kserve-mlserver',
        kind: 'ClusterServingRuntime',
        disabled: false,
        multiModel: false,
        multiNode: false,
        protocolVersions: ['v2'],
        formats: [{ name: 'mlflow', version: '2', autoSelect: true }],
      },
    ]);
  });

  it('servingRuntimes when a runtime CRD is not installed (404) → none of that kind; 403 → kubernetes_error naming the list and the grants', async () => {
    server.use(
      http.get(runtimesUrl, () => status(404, 'NotFound', 'the server could not find the requested resource')),
      http.get(clusterRuntimesUrl, () => HttpResponse.json({ items: [] })),
    );
    expect(await kube().servingRuntimes('ns')).toEqual([]);
    server.use(
      http.get(clusterRuntimesUrl, () =>
        status(403, 'Forbidden', 'clusterservingruntimes.serving.kserve.io is forbidden: cannot list resource'),
      ),
    );
    await expect(kube().servingRuntimes('ns')).rejects.toThrow(
      /list of ClusterServingRuntimes.*clusterservingruntimes\.serving\.kserve\.io/s,
    );
  });
});
