import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import type { KubeServer } from './kube-server.js';

/** The listener's identity as the Helm chart makes it: its ServiceAccount, the chart's RBAC, and a token. */
export interface ChartIdentity {
  /** A kubeconfig holding only the ServiceAccount's token (and the API server's CA). */
  kubeconfigPath: string;
  /** `system:serviceaccount:<namespace>:<name>`. */
  user: string;
  /** The RBAC objects the chart rendered (Roles and RoleBindings), as installed. */
  rbac: Record<string, any>[];
}

/** The namespace the chart is installed into (its ServiceAccount lives there). */
export const releaseNamespace = 'mlflow-kserve';

const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const opsBin = process.env['MLFLOW_KSERVE_OPS_BIN'] ?? join(process.env['HOME'] ?? '/root', '.cache', 'mlflow-kserve-ops', 'bin');

/** The collection path of an object for a POST (the kinds the chart's identity consists of). */
export function collectionPath(object: Record<string, any>): string {
  const ns = object['metadata']?.namespace as string | undefined;
  switch (object['kind']) {
    case 'ServiceAccount':
      return `/api/v1/namespaces/${ns}/serviceaccounts`;
    case 'Role':
      return `/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/roles`;
    case 'RoleBinding':
      return `/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/rolebindings`;
    case 'ClusterRole':
      return '/apis/rbac.authorization.k8s.io/v1/clusterroles';
    case 'ClusterRoleBinding':
      return '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings';
    default:
      throw new Error(`no collection path for kind ${String(object['kind'])}`);
  }
}

/**
 * Renders the chart's ServiceAccount and RBAC with the real helm for the listener's namespaces, creates them in the
 * API server as its admin, and asks the TokenRequest API for a token of that ServiceAccount: the listener then runs
 * with exactly the rights the chart grants (a 403 for anything else).
 */
export async function installChartIdentity(
  kube: KubeServer,
  dir: string,
  namespaces: {
    kubeNamespace: string;
    allowedNamespaces: string[] /** `config.preflight` (its runtime rights); default on. */;
    preflight?: string;
    /** `config.kubeTarget` (a Git target has no RBAC, or only the status reading one) and `config.gitStatusFromCluster`. */
    kubeTarget?: string;
    gitStatusFromCluster?: string;
  },
  /** The Helm release name (another one for a second installation beside the first). */
  release = 'mlflow-kserve',
): Promise<ChartIdentity> {
  const helm = join(opsBin, 'helm');
  if (!existsSync(helm)) throw new Error(`${helm} is missing: run scripts/ops/provision.sh first (npm run test:e2e does).`);
  const rendered = spawnSync(
    helm,
    [
      'template',
      release,
      'charts/mlflow-kserve',
      '--namespace',
      releaseNamespace,
      '--set',
      'image.repository=mlflow-kserve',
      '--set',
      `config.kubeNamespace=${namespaces.kubeNamespace}`,
      '--set-json',
      `config.allowedNamespaces=${JSON.stringify(namespaces.allowedNamespaces)}`,
      '--set',
      `config.preflight=${namespaces.preflight ?? 'on'}`,
      ...(namespaces.kubeTarget ? ['--set', `config.kubeTarget=${namespaces.kubeTarget}`] : []),
      ...(namespaces.gitStatusFromCluster ? ['--set', `config.gitStatusFromCluster=${namespaces.gitStatusFromCluster}`] : []),
      '--show-only',
      'templates/serviceaccount.yaml',
      // A Git target alone renders no RBAC (helm refuses to show an empty template).
      ...(namespaces.kubeTarget?.startsWith('git:') && namespaces.gitStatusFromCluster !== 'true'
        ? []
        : ['--show-only', 'templates/rbac.yaml']),
    ],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  if (rendered.status !== 0) throw new Error(`helm template failed: ${rendered.stderr}`);
  const objects = parseAllDocuments(rendered.stdout)
    .map((d) => d.toJS() as Record<string, any> | null)
    .filter((o): o is Record<string, any> => o !== null);
  for (const object of objects) {
    const created = await kube.request('POST', collectionPath(object), JSON.stringify(object));
    if (created.status !== 201)
      throw new Error(`creating ${object['kind']} ${object['metadata'].name} failed with ${created.status}: ${created.text}`);
  }
  const account = objects.find((o) => o['kind'] === 'ServiceAccount');
  if (!account) throw new Error('the chart rendered no ServiceAccount');
  const { name, namespace } = account['metadata'] as { name: string; namespace: string };
  const answer = await kube.request(
    'POST',
    `/api/v1/namespaces/${namespace}/serviceaccounts/${name}/token`,
    JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 7200 } }),
  );
  if (answer.status !== 201) throw new Error(`TokenRequest for ${namespace}/${name} failed with ${answer.status}: ${answer.text}`);
  const token = (JSON.parse(answer.text) as { status: { token: string } }).status.token;
  const kubeconfigPath = join(dir, `${release}.kubeconfig`);
  writeFileSync(
    kubeconfigPath,
    [
      'apiVersion: v1',
      'kind: Config',
      `clusters: [{name: e2e, cluster: {server: "${kube.url}", certificate-authority: "${kube.caPath}"}}]`,
      `users: [{name: ${name}, user: {token: "${token}"}}]`,
      `contexts: [{name: listener, context: {cluster: e2e, user: ${name}}}]`,
      'current-context: listener',
      '',
    ].join('\n'),
  );
  return {
    kubeconfigPath,
    user: `system:serviceaccount:${namespace}:${name}`,
    rbac: objects.filter((o) => o['kind'] !== 'ServiceAccount'),
  };
}
