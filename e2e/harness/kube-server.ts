import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { parse } from 'yaml';
import { makeCertificates, type Certificates } from './certificates.js';
import { freePort, start, waitFor, type Managed } from './processes.js';

/**
 * A real Kubernetes API server (kube-apiserver on etcd) with RBAC enforced and namespaces for real, serving KServe's
 * InferenceService CRD. No controller-manager, scheduler or kubelet runs: objects are stored and served, nothing
 * reconciles them (a namespace deleted stays Terminating; no pod starts).
 */
export interface KubeServer {
  url: string;
  /** The admin's kubeconfig (a `system:masters` client certificate). */
  kubeconfigPath: string;
  kubeConfig: KubeConfig;
  /** The CA the API server's serving certificate is signed by. */
  caPath: string;
  custom: CustomObjectsApi;
  version: string;
  /** A raw request to the API server (e.g. a YAML body, decoded by the server as kubectl's is). */
  request(method: string, path: string, body?: string, contentType?: string): Promise<{ status: number; text: string }>;
  /** Stops only the API server (etcd keeps the data). */
  stopApiServer(): Promise<void>;
  startApiServer(): Promise<void>;
  stop(): Promise<void>;
}

const cache = process.env['MLFLOW_KSERVE_E2E_CACHE'] ?? join(process.env['HOME'] ?? '/root', '.cache', 'mlflow-kserve-e2e');

/** The namespaces the e2e scenarios and the benches use; NamespaceLifecycle refuses objects in any other. */
export const e2eNamespaces = ['models', 'models-gpu', 'gitops', 'statusonly', 'bench', 'mlflow-kserve', 'kserve-mlflow-models'];

function apiserverBinary(): { path: string; version: string } {
  const version = process.env['KUBE_APISERVER_VERSION'] ?? 'v1.34.2';
  const path = join(cache, 'bin', `kube-apiserver-${version}`);
  if (!existsSync(path)) throw new Error(`${path} is missing: run scripts/e2e/provision.sh first (npm run test:e2e does).`);
  return { path, version };
}

function kubeconfigYaml(server: string, certs: Certificates | undefined): string {
  const user = certs ? `    client-certificate: ${certs.clientCert}\n    client-key: ${certs.clientKey}` : '    token: unused';
  const cluster = certs ? `    certificate-authority: ${certs.caCert}` : '    insecure-skip-tls-verify: true';
  return `apiVersion: v1\nkind: Config\nclusters:\n- name: e2e\n  cluster:\n    server: ${server}\n${cluster}\nusers:\n- name: e2e\n  user:\n${user}\ncontexts:\n- name: e2e\n  context: {cluster: e2e, user: e2e}\ncurrent-context: e2e\n`;
}

/** The kubeconfig the API server reads to reach an authorization webhook; its path. */
function writeWebhookConfig(dir: string, url: string): string {
  const path = join(dir, 'authorization-webhook.kubeconfig');
  writeFileSync(
    path,
    `apiVersion: v1\nkind: Config\nclusters:\n- name: authz\n  cluster:\n    server: ${url}\nusers:\n- name: apiserver\n  user: {}\ncontexts:\n- name: authz\n  context: {cluster: authz, user: apiserver}\ncurrent-context: authz\n`,
  );
  return path;
}

/** What a test asks of its API server besides KServe's CRD. */
export interface KubeServerOptions {
  /** More CRD files to install (each waited for until Established). */
  extraCrdFiles?: string[];
  /** The namespaces to create (default: {@link e2eNamespaces}). */
  namespaces?: string[];
  /**
   * An authorization webhook (a URL answering SubjectAccessReviews) asked after RBAC, as managed clusters' IAM is:
   * the API server then runs `--authorization-mode RBAC,Webhook`, caching each answer for one second.
   */
  authorizationWebhook?: string;
}

/**
 * Starts etcd and the API server, creates the namespaces, installs KServe's CRD from `crdFile` (and any
 * `extraCrdFiles`), and waits until they are served.
 */
export async function startKubeServer(dir: string, crdFile: string, options: KubeServerOptions = {}): Promise<KubeServer> {
  mkdirSync(dir, { recursive: true });
  const certs = makeCertificates(dir);
  const [etcdPort, peerPort, apiPort] = [await freePort(), await freePort(), await freePort()];
  const etcd = start(
    'etcd',
    'etcd',
    [
      '--name',
      'e2e',
      '--data-dir',
      join(dir, 'etcd'),
      '--listen-client-urls',
      `http://127.0.0.1:${etcdPort}`,
      '--advertise-client-urls',
      `http://127.0.0.1:${etcdPort}`,
      '--listen-peer-urls',
      `http://127.0.0.1:${peerPort}`,
      '--initial-advertise-peer-urls',
      `http://127.0.0.1:${peerPort}`,
      '--initial-cluster',
      `e2e=http://127.0.0.1:${peerPort}`,
    ],
    { log: join(dir, 'etcd.log'), env: { ...process.env, ETCD_UNSUPPORTED_ARCH: process.arch === 'x64' ? '' : process.arch } },
  );
  await waitFor('etcd health', async () => (await fetch(`http://127.0.0.1:${etcdPort}/health`)).ok, { managed: etcd });

  const binary = apiserverBinary();
  const url = `https://127.0.0.1:${apiPort}`;
  const args = [
    '--etcd-servers',
    `http://127.0.0.1:${etcdPort}`,
    '--bind-address',
    '127.0.0.1',
    '--advertise-address',
    '127.0.0.1',
    '--secure-port',
    String(apiPort),
    '--tls-cert-file',
    certs.serverCert,
    '--tls-private-key-file',
    certs.serverKey,
    '--client-ca-file',
    certs.caCert,
    '--authorization-mode',
    options.authorizationWebhook ? 'RBAC,Webhook' : 'RBAC',
    ...(options.authorizationWebhook
      ? [
          '--authorization-webhook-config-file',
          writeWebhookConfig(dir, options.authorizationWebhook),
          '--authorization-webhook-version',
          'v1',
          '--authorization-webhook-cache-authorized-ttl',
          '1s',
          '--authorization-webhook-cache-unauthorized-ttl',
          '1s',
        ]
      : []),
    '--service-account-issuer',
    'https://kubernetes.default.svc.cluster.local',
    '--service-account-signing-key-file',
    certs.serviceAccountKey,
    '--service-account-key-file',
    certs.serviceAccountPublicKey,
    '--service-cluster-ip-range',
    '10.96.0.0/24',
    '--cert-dir',
    join(dir, 'apiserver-certs'),
    '--enable-priority-and-fairness=false',
    '--profiling=false',
    // No webhooks are registered; the admission plugins that call them have nothing to do.
    '--disable-admission-plugins=MutatingAdmissionWebhook,ValidatingAdmissionWebhook',
  ];
  const kubeconfigPath = join(dir, 'e2e.kubeconfig');
  writeFileSync(kubeconfigPath, kubeconfigYaml(url, certs));
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(kubeconfigPath);
  const tls = { ca: readFileSync(certs.caCert), cert: readFileSync(certs.clientCert), key: readFileSync(certs.clientKey) };
  const https = await import('node:https');
  const healthz = () =>
    new Promise<boolean>((resolve) => {
      const req = https.get(`${url}/healthz`, tls, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on('error', () => resolve(false));
      req.setTimeout(2000, () => {
        req.destroy();
        resolve(false);
      });
    });

  let apiserver: Managed | undefined;
  const startApiServer = async (): Promise<void> => {
    apiserver = start('kube-apiserver', binary.path, args, { log: join(dir, 'apiserver.log') });
    await waitFor('API server /healthz', healthz, { managed: apiserver, timeoutMs: 90_000 });
  };
  try {
    await startApiServer();
  } catch (error) {
    // Nothing left running when the API server cannot start (etcd would otherwise outlive the test run).
    await apiserver?.stop();
    await etcd.stop();
    throw error;
  }

  const request = (method: string, path: string, body?: string, contentType = 'application/json') =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(body);
      const req = https.request(
        `${url}${path}`,
        { ...tls, method, headers: payload ? { 'content-type': contentType, 'content-length': payload.length } : {} },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });

  // Raw JSON on purpose: client-node's typed serializer drops keys such as x-kubernetes-int-or-string
  // from a CRD body, and the API server then rejects the schema.
  const raw = async (method: string, path: string, body?: unknown) => {
    const answer = await request(method, path, body === undefined ? undefined : JSON.stringify(body));
    return { status: answer.status, json: JSON.parse(answer.text || '{}') };
  };
  for (const name of options.namespaces ?? e2eNamespaces) {
    const made = await raw('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    if (made.status !== 201 && made.status !== 409) throw new Error(`creating namespace ${name} failed with ${made.status}`);
  }
  for (const file of [crdFile, ...(options.extraCrdFiles ?? [])]) {
    const crd = parse(readFileSync(file, 'utf8')) as { metadata: { name: string } };
    const created = await raw('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd);
    if (created.status !== 201 && created.status !== 409)
      throw new Error(
        `creating the CRD ${crd.metadata.name} failed with ${created.status}: ${JSON.stringify(created.json).slice(0, 2000)}`,
      );
    await waitFor(`CRD ${crd.metadata.name} Established`, async () => {
      const current = await raw('GET', `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crd.metadata.name}`);
      return (current.json.status?.conditions as { type: string; status: string }[] | undefined)?.some(
        (c) => c.type === 'Established' && c.status === 'True',
      );
    });
  }
  const custom = kubeConfig.makeApiClient(CustomObjectsApi);
  await waitFor('discovery of serving.kserve.io/v1beta1', async () => {
    await custom.getAPIResources({ group: 'serving.kserve.io', version: 'v1beta1' });
    await custom.listNamespacedCustomObject({
      group: 'serving.kserve.io',
      version: 'v1beta1',
      namespace: 'default',
      plural: 'inferenceservices',
    });
    return true;
  });

  return {
    url,
    request,
    kubeconfigPath,
    kubeConfig,
    caPath: certs.caCert,
    custom,
    version: binary.version,
    stopApiServer: async () => apiserver?.stop(),
    startApiServer,
    stop: async () => {
      await apiserver?.stop();
      await etcd.stop();
    },
  };
}
