import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from './harness/processes.js';
import { releaseNamespace } from './harness/chart-identity.js';
import { namespace, startWorld, type World } from './harness/world.js';

// The listener runs as the Helm chart's ServiceAccount with exactly the chart's RBAC (e2e/harness/chart-identity.ts);
// the API server enforces it. These scenarios prove that the identity is that ServiceAccount, that RBAC is enforced,
// and what a missing verb does: a refusal that names the verb and the resource, and nothing destroyed.
let world: World;
const roles = `/apis/rbac.authorization.k8s.io/v1/namespaces/${namespace}/roles`;

beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world?.stop();
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

  it('the Role without `delete` → deploy=false answered with a 403 naming delete and inferenceservices, the service kept; the verb back → deleted', async () => {
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
    // The same intent again (MLflow's retries may have run out): deleted with the verb back.
    await world.setTag('rbac-delete', v, 'deploy', 'false');
    await world.absent(name);
  });
});
