import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { type KubeServer, startKubeServer } from './harness/kube-server.js';
import { kserveCrdPath, prometheusOperatorCrdPaths } from '../test/fixtures.js';
import { repoRoot } from './harness/world.js';

// The Helm chart and the kustomize manifests installed for real into the real API server (RBAC enforced,
// namespaces real) with the real helm and kustomize. No kubelet runs, so no pod starts: this proves every
// object is accepted as rendered, not that the listener's pod becomes ready.
const opsBin = process.env['MLFLOW_KSERVE_OPS_BIN'] ?? join(process.env['HOME'] ?? '/root', '.cache', 'mlflow-kserve-ops', 'bin');
let kube: KubeServer;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mlflow-kserve-install-'));
  // The namespaces the installs expect to exist: each release's own (mlflow-kserve for helm, mlflow for kustomize)
  // and the default target namespace. The full values create their target namespaces themselves.
  kube = await startKubeServer(join(dir, 'kube'), kserveCrdPath, {
    namespaces: ['mlflow-kserve', 'mlflow', 'kserve-mlflow-models'],
    extraCrdFiles: prometheusOperatorCrdPaths,
  });
});
afterAll(async () => {
  await kube?.stop();
  rmSync(dir, { recursive: true, force: true });
});

type K8sObject = Record<string, any>;
const objectsOf = (yaml: string): K8sObject[] =>
  parseAllDocuments(yaml)
    .map((d) => d.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null);

const helm = (args: string[]) =>
  spawnSync(join(opsBin, 'helm'), [...args, '--kubeconfig', kube.kubeconfigPath], { cwd: repoRoot, encoding: 'utf8' });
/** `helm install <release> charts/mlflow-kserve` into the namespace mlflow-kserve, with extra arguments. */
const install = (release: string, args: string[]) =>
  helm(['install', release, 'charts/mlflow-kserve', '--namespace', 'mlflow-kserve', ...args]);
const manifestOf = (release: string) => objectsOf(helm(['get', 'manifest', release, '--namespace', 'mlflow-kserve']).stdout);

/** The API path of one object, from its apiVersion, kind and namespace. */
function objectPath(object: K8sObject): string {
  const { name, namespace } = object['metadata'] as { name: string; namespace?: string };
  const apiVersion = object['apiVersion'] as string;
  const kind = (object['kind'] as string).toLowerCase();
  const plural = kind.endsWith('y') ? `${kind.slice(0, -1)}ies` : `${kind}s`;
  const group = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  return `${group}${namespace ? `/namespaces/${namespace}` : ''}/${plural}/${name}`;
}
const kindsOf = (objects: K8sObject[]) => objects.map((o) => o['kind'] as string).sort();
/** "Kind namespace/name", the key of an object in the tests' answers. */
const keyOf = (o: K8sObject) => `${o['kind']} ${o['metadata'].namespace ?? ''}/${o['metadata'].name}`;

/** Each object as the API server holds it now (the status of a GET). */
async function statusesOf(objects: K8sObject[]): Promise<Record<string, number>> {
  const found: Record<string, number> = {};
  for (const object of objects) found[keyOf(object)] = (await kube.request('GET', objectPath(object))).status;
  return found;
}
const all = (objects: K8sObject[], status: number) => Object.fromEntries(objects.map((o) => [keyOf(o), status]));

describe('helm install into the real API server', () => {
  it('default values (the target namespace existing, as createTargetNamespaces: false expects) → deployed; every rendered object is in the API server', async () => {
    const installed = install('mlflow-kserve', ['--set', 'image.repository=mlflow-kserve']);
    expect(installed.stderr).toBe('');
    expect(installed.status).toBe(0);
    expect(installed.stdout).toContain('STATUS: deployed');
    const objects = manifestOf('mlflow-kserve');
    expect(kindsOf(objects)).toEqual(
      [
        // The preflight's read-only ClusterRole (list ClusterServingRuntimes) and its binding.
        'ClusterRole',
        'ClusterRoleBinding',
        'ConfigMap',
        'Deployment',
        'NetworkPolicy',
        'PodDisruptionBudget',
        'Role',
        'RoleBinding',
        'Service',
        'ServiceAccount',
      ].sort(),
    );
    expect(await statusesOf(objects)).toEqual(all(objects, 200));
  });

  it('a target namespace that does not exist (createTargetNamespaces: false) → helm install fails naming it', async () => {
    const installed = install('other', [
      '--set',
      'image.repository=mlflow-kserve',
      '--set',
      'config.kubeNamespace=no-such-namespace',
      '--set',
      'fullnameOverride=other',
    ]);
    expect(installed.status).not.toBe(0);
    expect(installed.stderr).toContain('namespaces "no-such-namespace" not found');
  });

  it('the full-featured CI values (ServiceMonitor, PrometheusRule, Secret, created namespaces; the Prometheus Operator CRDs installed) → deployed; every object is in the API server', async () => {
    const installed = install('model-deployer', ['-f', 'charts/mlflow-kserve/ci/full-values.yaml']);
    expect(installed.stderr).toBe('');
    expect(installed.status).toBe(0);
    expect(installed.stdout).toContain('STATUS: deployed');
    const objects = manifestOf('model-deployer');
    expect(kindsOf(objects)).toEqual(
      [
        'ClusterRole',
        'ClusterRoleBinding',
        'ConfigMap',
        'Deployment',
        'Namespace',
        'Namespace',
        'Namespace',
        'NetworkPolicy',
        'PodDisruptionBudget',
        'PrometheusRule',
        'Role',
        'Role',
        'Role',
        'RoleBinding',
        'RoleBinding',
        'RoleBinding',
        'Secret',
        'Service',
        'ServiceAccount',
        'ServiceMonitor',
      ].sort(),
    );
    expect(await statusesOf(objects)).toEqual(all(objects, 200));
  });

  it('helm uninstall of the full values → every object gone but the namespaces it created, which are kept with their models', async () => {
    const objects = manifestOf('model-deployer');
    // A model the listener deployed into one of the namespaces the release created.
    const model = {
      apiVersion: 'serving.kserve.io/v1beta1',
      kind: 'InferenceService',
      metadata: { name: 'fraud-v1', namespace: 'models' },
    };
    const spec = { predictor: { model: { modelFormat: { name: 'mlflow' }, storageUri: 's3://mlflow-artifacts/1/abc/artifacts/model' } } };
    const created = await kube.request('POST', objectPath(model).replace(/\/fraud-v1$/, ''), JSON.stringify({ ...model, spec }));
    expect(created.status, created.text).toBe(201);
    const uninstalled = helm(['uninstall', 'model-deployer', '--namespace', 'mlflow-kserve']);
    expect(uninstalled.status, uninstalled.stderr).toBe(0);
    const namespaces = objects.filter((o) => o['kind'] === 'Namespace');
    expect(namespaces.map((n) => n['metadata'].name).sort()).toEqual(['models', 'models-batch', 'models-gpu']);
    expect(await statusesOf([...objects, model])).toEqual({ ...all(objects, 404), ...all(namespaces, 200), ...all([model], 200) });
  });
});

describe('the kustomize build installed into the real API server', () => {
  it('kustomize build of k8s/ with the extra-namespace component, applied server-side → every object accepted and in the API server', async () => {
    // The helm release above holds the same Role in kserve-mlflow-models; the kustomize install is another
    // installation of the same listener, so the helm one goes first.
    expect(helm(['uninstall', 'mlflow-kserve', '--namespace', 'mlflow-kserve']).status).toBe(0);
    // An overlay, as docs/operations.md tells users to write one: the base plus the extra-namespace component.
    const overlay = join(dir, 'overlay');
    mkdirSync(overlay);
    const base = relative(overlay, join(repoRoot, 'k8s'));
    writeFileSync(
      join(overlay, 'kustomization.yaml'),
      `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ${base}\ncomponents:\n  - ${base}/components/extra-namespace\n`,
    );
    const built = spawnSync(join(opsBin, 'kustomize'), ['build', overlay], { encoding: 'utf8' });
    expect(built.stderr).toBe('');
    expect(built.status).toBe(0);
    const objects = objectsOf(built.stdout);
    expect(kindsOf(objects)).toEqual(
      [
        'ClusterRole',
        'ClusterRoleBinding',
        'ConfigMap',
        'Deployment',
        'Namespace',
        'NetworkPolicy',
        'PodDisruptionBudget',
        'Role',
        'Role',
        'RoleBinding',
        'RoleBinding',
        'Service',
        'ServiceAccount',
      ].sort(),
    );
    // What `kubectl apply --server-side -k` sends: one apply patch per object, in kustomize's order (namespaces first).
    for (const object of objects) {
      const answer = await kube.request(
        'PATCH',
        `${objectPath(object)}?fieldManager=kustomize-e2e&fieldValidation=Strict`,
        JSON.stringify(object),
        'application/apply-patch+yaml',
      );
      expect(answer.status, `${keyOf(object)}: ${answer.text.slice(0, 500)}`).toBe(201);
    }
    expect(await statusesOf(objects)).toEqual(all(objects, 200));
  });
});
