import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { collectionPath } from './harness/chart-identity.js';
import { type KubeServer, startKubeServer } from './harness/kube-server.js';
import { kserveCrdPath } from '../test/fixtures.js';
import { repoRoot } from './harness/world.js';

// The Helm chart installed for real into the real API server (RBAC enforced, namespaces real) with the real helm.
// No kubelet runs, so no pod starts: this proves every object is accepted as the chart renders it.
const helm = join(
  process.env['MLFLOW_KSERVE_OPS_BIN'] ?? join(process.env['HOME'] ?? '/root', '.cache', 'mlflow-kserve-ops', 'bin'),
  'helm',
);
let kube: KubeServer;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mlflow-kserve-install-'));
  kube = await startKubeServer(join(dir, 'kube'), kserveCrdPath);
});
afterAll(async () => {
  await kube?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const run = (args: string[]) => spawnSync(helm, [...args, '--kubeconfig', kube.kubeconfigPath], { cwd: repoRoot, encoding: 'utf8' });
/** `helm install <release> charts/mlflow-kserve` into the namespace mlflow-kserve, with the image set and `--set` values. */
const install = (release: string, values: string[] = []) =>
  run([
    'install',
    release,
    'charts/mlflow-kserve',
    '--namespace',
    'mlflow-kserve',
    ...['image.repository=mlflow-kserve', ...values].flatMap((v) => ['--set', v]),
  ]);

/** The path of one object (its collection path, or the built-in collections the chart uses besides RBAC). */
function objectPath(object: Record<string, any>): string {
  const { name, namespace } = object['metadata'] as { name: string; namespace?: string };
  const collections: Record<string, string> = {
    ConfigMap: `/api/v1/namespaces/${namespace}/configmaps`,
    Secret: `/api/v1/namespaces/${namespace}/secrets`,
    Service: `/api/v1/namespaces/${namespace}/services`,
    Deployment: `/apis/apps/v1/namespaces/${namespace}/deployments`,
    NetworkPolicy: `/apis/networking.k8s.io/v1/namespaces/${namespace}/networkpolicies`,
    PodDisruptionBudget: `/apis/policy/v1/namespaces/${namespace}/poddisruptionbudgets`,
  };
  return `${collections[object['kind'] as string] ?? collectionPath(object)}/${name}`;
}

describe('helm install into the real API server', () => {
  it('default values (the target namespace existing, as createTargetNamespaces: false expects) → deployed; every rendered object is in the API server', async () => {
    const installed = install('mlflow-kserve');
    expect(installed.stderr).toBe('');
    expect(installed.status).toBe(0);
    expect(installed.stdout).toContain('STATUS: deployed');
    const manifest = run(['get', 'manifest', 'mlflow-kserve', '--namespace', 'mlflow-kserve']);
    const objects = parseAllDocuments(manifest.stdout)
      .map((d) => d.toJS() as Record<string, any> | null)
      .filter((o): o is Record<string, any> => o !== null);
    expect(objects.map((o) => o['kind']).sort()).toEqual(
      ['ConfigMap', 'Deployment', 'NetworkPolicy', 'PodDisruptionBudget', 'Role', 'RoleBinding', 'Service', 'ServiceAccount'].sort(),
    );
    for (const object of objects) {
      const found = await kube.request('GET', objectPath(object));
      expect(found.status, `${object['kind']} ${object['metadata'].name}`).toBe(200);
    }
  });

  it('a target namespace that does not exist (createTargetNamespaces: false) → helm install fails naming it', async () => {
    const installed = install('other', ['config.kubeNamespace=no-such-namespace', 'fullnameOverride=other']);
    expect(installed.status).not.toBe(0);
    expect(installed.stderr).toContain('namespaces "no-such-namespace" not found');
  });
});
