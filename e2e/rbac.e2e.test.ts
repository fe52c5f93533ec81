import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from './harness/processes.js';
import { releaseNamespace } from './harness/chart-identity.js';
import { cli } from './harness/listener.js';
import { namespace, repoRoot, startWorld, type World } from './harness/world.js';

// The listener runs as the Helm chart's ServiceAccount with exactly the chart's RBAC (e2e/harness/chart-identity.ts);
// the API server enforces it. These scenarios prove that the identity is that ServiceAccount, that RBAC is enforced,
// and what a missing verb does: a refusal that names the verb and the resource, and nothing destroyed.
let world: World;
const roles = `/apis/rbac.authorization.k8s.io/v1/namespaces/${namespace}/roles`;

/** What an authorization webhook is asked: who wants to do what. */
type AccessReviewSpec = { user?: string; resourceAttributes?: { verb?: string; resource?: string; namespace?: string } };
// The API server asks this webhook after RBAC (as a managed cluster asks its IAM). It grants nothing unless a test
// says so, so every other scenario sees exactly the chart's RBAC.
let webhookGrants: (spec: AccessReviewSpec) => boolean = () => false;
const webhookAsked: AccessReviewSpec[] = [];
const authorizationWebhook = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const { spec } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { spec: AccessReviewSpec };
    webhookAsked.push(spec);
    const status = { allowed: webhookGrants(spec) };
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', status }));
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve) => authorizationWebhook.listen(0, '127.0.0.1', resolve));
  const { port } = authorizationWebhook.address() as AddressInfo;
  // An alias too, so that moving it makes the listener patch (server-side apply) an existing InferenceService.
  world = await startWorld({ MLFLOW_KSERVE_DEPLOY_ALIASES: 'champion' }, undefined, undefined, {
    authorizationWebhook: `http://127.0.0.1:${port}/authorize`,
  });
});
afterAll(async () => {
  await world?.stop();
  authorizationWebhook.close();
});

/** A request to the API server with the listener's own token (from its kubeconfig). */
async function asListener(method: string, path: string, body: unknown): Promise<{ status: number; json: any }> {
  const kubeconfig = readFileSync(world.identity.kubeconfigPath, 'utf8');
  const token = /token: "([^"]+)"/.exec(kubeconfig)![1]!;
  const https = await import('node:https');
  return new Promise((resolve, reject) => {
    const payload = Buffer.from(JSON.stringify(body));
    const req = https.request(
      `${world.kube.url}${path}`,
      {
        method,
        ca: readFileSync(world.kube.caPath),
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': payload.length },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

type Role = { metadata: Record<string, unknown>; rules: { resources: string[]; verbs: string[] }[] };
const readRole = async (): Promise<Role> => JSON.parse((await world.kube.request('GET', `${roles}/mlflow-kserve`)).text) as Role;

/** Runs `during` with the chart's Role minus one verb on one resource, then puts the Role back as it was. */
async function withoutVerb(resource: string, verb: string, during: () => Promise<void>): Promise<void> {
  const role = await readRole();
  const without = {
    ...role,
    rules: role.rules.map((r) => (r.resources.includes(resource) ? { ...r, verbs: r.verbs.filter((v) => v !== verb) } : r)),
  };
  expect((await world.kube.request('PUT', `${roles}/mlflow-kserve`, JSON.stringify(without))).status).toBe(200);
  try {
    await during();
  } finally {
    const current = await readRole();
    await world.kube.request('PUT', `${roles}/mlflow-kserve`, JSON.stringify({ ...role, metadata: current.metadata }));
  }
  await waitFor('/readyz ready again', async () => (await fetch(`${world.listener.url}/readyz`)).status === 200 || undefined);
}

/** The listener's /readyz once it is 503, and the permissions it says are missing. */
const notReadyBecause = async (): Promise<string[]> =>
  waitFor('/readyz to name the missing verb', async () => {
    const answer = await fetch(`${world.listener.url}/readyz`);
    const body = (await answer.json()) as { kubernetes_missing_access?: string[] };
    return answer.status === 503 ? (body.kubernetes_missing_access ?? []) : undefined;
  });

/** The first delivery for `model` that the listener refused, and its error message. */
const refusedFor = async (model: string): Promise<string> => {
  const refused = await waitFor(`a refused delivery for ${model}`, async () => world.proxy.forModel(model).find((d) => d.status >= 400));
  return String(world.answered(refused)['error']?.['message']);
};

const listenerLog = (): string => readFileSync(join(world.dir, 'listener.log'), 'utf8');

const canI = async (verb: string, resource: string, group: string, ns: string): Promise<boolean> => {
  const review = await asListener('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectAccessReview',
    spec: { resourceAttributes: { verb, resource, group, namespace: ns } },
  });
  expect(review.status).toBe(201);
  return review.json.status.allowed === true;
};

describe('the listener as the chart’s ServiceAccount, RBAC enforced', () => {
  it('its kubeconfig → the chart’s ServiceAccount; InferenceServices and the Lease in its namespace only; no Secrets', async () => {
    const self = await asListener('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'SelfSubjectReview',
    });
    expect(self.json.status.userInfo.username).toBe(`system:serviceaccount:${releaseNamespace}:mlflow-kserve`);
    expect(world.identity.user).toBe(self.json.status.userInfo.username);
    for (const verb of ['get', 'list', 'watch', 'create', 'patch', 'delete'])
      expect(await canI(verb, 'inferenceservices', 'serving.kserve.io', namespace), verb).toBe(true);
    for (const verb of ['get', 'create', 'update']) expect(await canI(verb, 'leases', 'coordination.k8s.io', namespace), verb).toBe(true);
    expect(await canI('create', 'inferenceservices', 'serving.kserve.io', 'gitops')).toBe(false);
    expect(await canI('update', 'inferenceservices', 'serving.kserve.io', namespace)).toBe(false);
    expect(await canI('delete', 'leases', 'coordination.k8s.io', namespace)).toBe(false);
    expect(await canI('list', 'secrets', '', namespace)).toBe(false);
  });

  it('the Role without `delete` → /readyz 503 naming it; deploy=false answered with a 403 naming delete and inferenceservices, the service kept; the verb back → ready, deleted', async () => {
    await world.model('rbac-delete');
    const v = await world.version('rbac-delete', { deploy: 'true' });
    const name = `mlflow-rbac-delete-v${v}`;
    await world.present(name);
    const role = JSON.parse((await world.kube.request('GET', `${roles}/mlflow-kserve`)).text) as {
      rules: { resources: string[]; verbs: string[] }[];
    };
    const without = {
      ...role,
      rules: role.rules.map((r) =>
        r.resources.includes('inferenceservices') ? { ...r, verbs: r.verbs.filter((x) => x !== 'delete') } : r,
      ),
    };
    expect((await world.kube.request('PUT', `${roles}/mlflow-kserve`, JSON.stringify(without))).status).toBe(200);
    try {
      const readyz = await waitFor('/readyz to name the missing verb', async () => {
        const answer = await fetch(`${world.listener.url}/readyz`);
        const body = (await answer.json()) as Record<string, any>;
        return answer.status === 503 ? body : undefined;
      });
      expect(readyz['kubernetes_missing_access']).toEqual([`delete inferenceservices.serving.kserve.io in ${namespace}`]);
      await world.setTag('rbac-delete', v, 'deploy', 'false');
      const refused = await waitFor('a refused delivery', async () =>
        world.proxy.forModel('rbac-delete').find((d) => d.body.includes('"value": "false"') && d.status >= 400),
      );
      const message = String(world.answered(refused)['error']?.['message']);
      expect(message).toContain('403');
      expect(message).toContain('cannot delete resource "inferenceservices"');
      expect(message).toContain(`system:serviceaccount:${releaseNamespace}:mlflow-kserve`);
      expect(await world.getIsvc(name)).not.toBeNull();
    } finally {
      const current = JSON.parse((await world.kube.request('GET', `${roles}/mlflow-kserve`)).text) as { metadata: unknown };
      await world.kube.request('PUT', `${roles}/mlflow-kserve`, JSON.stringify({ ...role, metadata: current.metadata }));
    }
    await waitFor('/readyz ready again', async () => (await fetch(`${world.listener.url}/readyz`)).status === 200 || undefined);
    // The same intent again (MLflow's retries may have run out): deleted with the verb back.
    await world.setTag('rbac-delete', v, 'deploy', 'false');
    await world.absent(name);
  });

  // Each verb of the chart's Role is needed: without it /readyz says which, and a scenario that needs it is refused
  // with the API server's 403 naming the verb and the resource, while nothing is deleted or half-written.
  // As the API server says it; in a JSON log line its quotes are escaped.
  const forbidden = (verb: string, resource: string) => new RegExp(`cannot ${verb} resource \\\\?"${resource}\\\\?"`);
  it.each([
    ['inferenceservices', 'get', 'a new version with deploy=true → refused at the read; nothing created'],
    ['inferenceservices', 'create', 'a new version with deploy=true → refused at the create; nothing created'],
    ['inferenceservices', 'patch', 'the alias moved 1 → 2 → refused at the apply; the alias service still serves version 1'],
    ['inferenceservices', 'list', '`mlflow-kserve reconcile` → exits non-zero naming list; nothing written'],
    [
      'inferenceservices',
      'watch',
      'the open watch ended (API server restarted) → the status writer logs the refused watch, retried with backoff',
    ],
    ['leases', 'get', 'leader election → the listener logs the refused get'],
    ['leases', 'update', 'leader election → the listener logs the refused renewal'],
    ['leases', 'create', 'the Lease deleted → the listener logs the refused create'],
  ])('the Role without %s %s → %s', async (resource, verb) => {
    const group = resource === 'leases' ? 'coordination.k8s.io' : 'serving.kserve.io';
    const model = `rbac-${resource === 'leases' ? 'lease-' : ''}${verb}`;
    if (verb === 'patch') {
      await world.model(model);
      await world.version(model);
      await world.version(model);
      await world.setAlias(model, 'champion', '1');
      await world.present(`mlflow-${model}-champion`);
    }
    await withoutVerb(resource, verb, async () => {
      expect(await notReadyBecause()).toEqual([`${verb} ${resource}.${group} in ${namespace}`]);
      if (resource === 'inferenceservices' && (verb === 'get' || verb === 'create')) {
        await world.model(model);
        const v = await world.version(model, { deploy: 'true' });
        const message = await refusedFor(model);
        expect(message).toMatch(forbidden(verb, resource));
        expect(message).toContain('403');
        expect(await world.getIsvc(`mlflow-${model}-v${v}`)).toBeNull();
      } else if (verb === 'patch') {
        await world.setAlias(model, 'champion', '2');
        const message = await refusedFor(model);
        expect(message).toMatch(forbidden(verb, resource));
        const service = await world.getIsvc(`mlflow-${model}-champion`);
        expect(service?.metadata.annotations?.['mlflow-kserve.io/model-version']).toBe('1');
      } else if (verb === 'list') {
        const reconciled = await cli(repoRoot, { ...process.env, ...world.settings }, ['reconcile']);
        expect(reconciled.code).not.toBe(0);
        expect(reconciled.stderr + reconciled.stdout).toMatch(forbidden(verb, resource));
      } else if (verb === 'watch') {
        // An open watch keeps running until the API server ends it (after 30–60 min): a restart ends it now, and
        // the status writer lists and watches again.
        await world.kube.stopApiServer();
        await world.kube.startApiServer();
        const refusal =
          /watch of InferenceServices in [\w-]+ failed with 403 Forbidden: this identity may not watch inferenceservices\.serving\.kserve\.io/;
        const refusals = () =>
          listenerLog()
            .split('\n')
            .filter((line) => refusal.test(line)).length;
        await waitFor('the listener to log the refused watch', async () => refusals() > 0 || undefined, { timeoutMs: 60_000 });
        // Retried with backoff (1 s, 2 s, 4 s, …), not listed and refused again at once.
        const before = refusals();
        await new Promise((resolve) => setTimeout(resolve, 3000));
        expect(refusals() - before).toBeLessThanOrEqual(3);
      } else if (resource === 'leases') {
        if (verb === 'create')
          expect(
            (await world.kube.request('DELETE', `/apis/coordination.k8s.io/v1/namespaces/${namespace}/leases/mlflow-kserve`)).status,
          ).toBe(200);
        await waitFor(`the listener to log the refused ${verb}`, async () => forbidden(verb, resource).test(listenerLog()) || undefined);
      }
    });
  });

  it('the Role without delete, but an authorization webhook granting it (as a managed cluster’s IAM does) → /readyz ready; deploy=false deletes', async () => {
    const account = `system:serviceaccount:${releaseNamespace}:mlflow-kserve`;
    await world.model('rbac-webhook');
    const v = await world.version('rbac-webhook', { deploy: 'true' });
    const name = `mlflow-rbac-webhook-v${v}`;
    await world.present(name);
    webhookGrants = (spec) =>
      spec.user === account && spec.resourceAttributes?.verb === 'delete' && spec.resourceAttributes.resource === 'inferenceservices';
    try {
      await withoutVerb('inferenceservices', 'delete', async () => {
        // Past the 2 s for which /readyz answers from its last check: a check made with the Role as it is now.
        await new Promise((resolve) => setTimeout(resolve, 2500));
        const readyz = await fetch(`${world.listener.url}/readyz`);
        const body = (await readyz.json()) as { kubernetes_missing_access?: string[] };
        expect([readyz.status, body.kubernetes_missing_access]).toEqual([200, []]);
        // The rules review lists only what RBAC grants; the access review asked the webhook, which said yes.
        expect(webhookAsked.some((spec) => spec.user === account && spec.resourceAttributes?.verb === 'delete')).toBe(true);
        await world.setTag('rbac-webhook', v, 'deploy', 'false');
        await world.absent(name);
      });
    } finally {
      webhookGrants = () => false;
    }
  });

  it('the permission reviews refused (system:basic-user unbound) → /readyz stays ready, kubernetes_access_unknown says why', async () => {
    const path = '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/system:basic-user';
    const binding = JSON.parse((await world.kube.request('GET', path)).text) as { metadata: Record<string, unknown> };
    expect((await world.kube.request('DELETE', path)).status).toBe(200);
    try {
      const body = await waitFor('/readyz to say the permissions are unknown', async () => {
        const answer = await fetch(`${world.listener.url}/readyz`);
        const json = (await answer.json()) as Record<string, unknown>;
        return json['kubernetes_access_unknown'] ? { status: answer.status, json } : undefined;
      });
      expect(body.status).toBe(200);
      expect(body.json['kubernetes_missing_access']).toBeUndefined();
      expect(String(body.json['kubernetes_access_unknown'])).toMatch(
        /permissions in models failed with 403 Forbidden: .*selfsubjectrulesreviews/,
      );
    } finally {
      const { resourceVersion: _rv, uid: _uid, creationTimestamp: _ct, managedFields: _mf, ...metadata } = binding.metadata;
      await world.kube.request('POST', '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', JSON.stringify({ ...binding, metadata }));
    }
    await waitFor('/readyz with the permissions known again', async () => {
      const json = (await (await fetch(`${world.listener.url}/readyz`)).json()) as Record<string, unknown>;
      return Array.isArray(json['kubernetes_missing_access']) || undefined;
    });
  });

  it('a model’s kserve.namespace naming an allowed namespace that does not exist, or one outside MLFLOW_KSERVE_ALLOWED_NAMESPACES → sync fails saying which and why; nothing written anywhere', async () => {
    // Run as an installation with cluster-wide rights would (the admin here), so that only the namespace decides.
    const env = {
      ...process.env,
      ...world.settings,
      MLFLOW_KSERVE_KUBE_CONFIG: world.kube.kubeconfigPath,
      MLFLOW_KSERVE_OVERRIDES_ALLOWED: 'namespace',
      MLFLOW_KSERVE_ALLOWED_NAMESPACES: 'no-such-namespace',
    };
    world.proxy.swallowWhen((d) => d.body.includes('"name": "rbac-ns-'));
    for (const [model, target, says] of [
      ['rbac-ns-missing', 'no-such-namespace', 'namespace no-such-namespace does not exist'],
      ['rbac-ns-outside', 'gitops', 'MLFLOW_KSERVE_ALLOWED_NAMESPACES'],
    ] as const) {
      await world.model(model);
      const v = await world.version(model, { deploy: 'true', 'kserve.namespace': target });
      const synced = await cli(repoRoot, env, ['sync', model, v]);
      expect(synced.code, synced.stdout).not.toBe(0);
      expect(synced.stderr + synced.stdout).toContain(says);
      for (const ns of [namespace, 'gitops']) {
        const found = await world.kube.request(
          'GET',
          `/apis/serving.kserve.io/v1beta1/namespaces/${ns}/inferenceservices/mlflow-${model}-v${v}`,
        );
        expect(found.status, `${model} in ${ns}`).toBe(404);
      }
    }
    world.proxy.swallowWhen(undefined);
  });

  it('the RoleBinding in its namespace deleted → /readyz names all 9 permissions; a deploy is refused with a 403; the binding back → ready, deployed', async () => {
    const bindings = `/apis/rbac.authorization.k8s.io/v1/namespaces/${namespace}/rolebindings`;
    const binding = JSON.parse((await world.kube.request('GET', `${bindings}/mlflow-kserve`)).text) as {
      metadata: Record<string, unknown>;
    };
    expect((await world.kube.request('DELETE', `${bindings}/mlflow-kserve`)).status).toBe(200);
    let v = '';
    try {
      const missing = await notReadyBecause();
      expect(missing).toHaveLength(9);
      expect(missing).toContain(`create inferenceservices.serving.kserve.io in ${namespace}`);
      expect(missing).toContain(`update leases.coordination.k8s.io in ${namespace}`);
      await world.model('rbac-binding');
      v = await world.version('rbac-binding', { deploy: 'true' });
      expect(await refusedFor('rbac-binding')).toMatch(/403 Forbidden/);
      expect(await world.getIsvc(`mlflow-rbac-binding-v${v}`)).toBeNull();
    } finally {
      const { resourceVersion: _rv, uid: _uid, creationTimestamp: _ct, managedFields: _mf, ...metadata } = binding.metadata;
      await world.kube.request('POST', bindings, JSON.stringify({ ...binding, metadata }));
    }
    await waitFor('/readyz ready again', async () => (await fetch(`${world.listener.url}/readyz`)).status === 200 || undefined);
    await world.setTag('rbac-binding', v, 'deploy', 'true');
    await world.present(`mlflow-rbac-binding-v${v}`);
  });
});
