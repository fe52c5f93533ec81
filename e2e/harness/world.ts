import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InferenceServiceManifest } from '@mlflow-kserve/core';
import { kserveCrdPath } from '../../test/fixtures.js';
import { DeliveryProxy, type Delivery } from './delivery-proxy.js';
import { type ChartIdentity, installChartIdentity } from './chart-identity.js';
import { type KubeServerOptions, startKubeServer, type KubeServer } from './kube-server.js';
import { startListener, type Listener } from './listener.js';
import { startMlflowServer, type MlflowServer } from './mlflow-server.js';
import { waitFor } from './processes.js';

export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const secret = 'e2e-webhook-secret';
export const namespace = 'models';
const group = { group: 'serving.kserve.io', version: 'v1beta1', plural: 'inferenceservices', namespace } as const;

/** Every MLflow registry event the listener can act on, as MLflow's REST API names them. */
export const allEvents = [
  { entity: 'MODEL_VERSION_TAG', action: 'SET' },
  { entity: 'MODEL_VERSION_TAG', action: 'DELETED' },
  { entity: 'MODEL_VERSION', action: 'CREATED' },
  { entity: 'MODEL_VERSION_ALIAS', action: 'CREATED' },
  { entity: 'MODEL_VERSION_ALIAS', action: 'DELETED' },
];

/**
 * One real MLflow, one real API server with KServe's CRD, the built listener configured only by
 * `MLFLOW_KSERVE_*` variables, and the delivery proxy between them; MLflow's webhook created with `events`.
 */
export interface World {
  dir: string;
  kube: KubeServer;
  /** The listener's identity: the chart's ServiceAccount, its RBAC and a kubeconfig with its token. */
  identity: ChartIdentity;
  mlflow: MlflowServer;
  proxy: DeliveryProxy;
  listener: Listener;
  /** The listener's settings (environment variable names). */
  settings: Record<string, string>;
  getIsvc(name: string): Promise<InferenceServiceManifest | null>;
  present(name: string, check?: (isvc: InferenceServiceManifest) => boolean): Promise<InferenceServiceManifest>;
  absent(name: string): Promise<true>;
  managedNames(prefix: string): Promise<string[]>;
  model(name: string): Promise<void>;
  version(name: string, tags?: Record<string, string>, source?: string): Promise<string>;
  setTag(name: string, version: string, key: string, value: string): Promise<unknown>;
  deleteTag(name: string, version: string, key: string): Promise<unknown>;
  setAlias(name: string, alias: string, version: string): Promise<unknown>;
  deleteAlias(name: string, alias: string): Promise<unknown>;
  answered(d: Delivery): Record<string, any>;
  /** A model version's tags as MLflow has them now. */
  versionTags(model: string, version: string): Promise<Record<string, string>>;
  /** A registered model's tags as MLflow has them now. */
  modelTags(model: string): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

export async function startWorld(
  extraSettings: Record<string, string> = {},
  events = allEvents,
  /**
   * How to start the listener: a command (see `startListener`; the npm package's by default), or a
   * function that starts another host (e.g. an Express app) and returns it as a listener.
   */
  listenerCommand?: string[] | ((dir: string, settings: Record<string, string>) => Promise<Listener>),
  /** How the API server runs (e.g. with an authorization webhook after RBAC). */
  kubeOptions: KubeServerOptions = {},
): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'mlflow-kserve-e2e-'));
  const [kube, mlflow] = await Promise.all([
    startKubeServer(join(dir, 'kube'), kserveCrdPath, kubeOptions),
    startMlflowServer(join(dir, 'mlflow')),
  ]);
  let listener: Listener | undefined;
  const proxy = new DeliveryProxy(() => listener!.url);
  await proxy.start();
  // The listener runs as the Helm chart's ServiceAccount, with exactly the chart's RBAC for its namespaces; the
  // test itself reads and plays KServe's controller as the API server's admin (kube.kubeconfigPath).
  const identity = await installChartIdentity(kube, join(dir, 'kube'), {
    preflight: extraSettings['MLFLOW_KSERVE_PREFLIGHT'] ?? 'off',
    ...(extraSettings['MLFLOW_KSERVE_KUBE_TARGET'] ? { kubeTarget: extraSettings['MLFLOW_KSERVE_KUBE_TARGET'] } : {}),
    ...(extraSettings['MLFLOW_KSERVE_GIT_STATUS_FROM_CLUSTER']
      ? { gitStatusFromCluster: extraSettings['MLFLOW_KSERVE_GIT_STATUS_FROM_CLUSTER'] }
      : {}),
    kubeNamespace: extraSettings['MLFLOW_KSERVE_KUBE_NAMESPACE'] ?? namespace,
    allowedNamespaces: (extraSettings['MLFLOW_KSERVE_ALLOWED_NAMESPACES'] ?? '')
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean),
  });
  const settings = {
    MLFLOW_KSERVE_MLFLOW_TRACKING_URI: mlflow.url,
    MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET: secret,
    MLFLOW_KSERVE_KUBE_IN_CLUSTER: 'false',
    MLFLOW_KSERVE_KUBE_CONFIG: identity.kubeconfigPath,
    MLFLOW_KSERVE_KUBE_NAMESPACE: namespace,
    MLFLOW_KSERVE_STORAGE_URI_BASE: 's3://e2e-artifacts',
    // Most scenarios register versions whose source is an s3:// path with nothing behind it (they test the
    // registry's events, not the model): no MLmodel to read. The preflight's own scenarios
    // (preflight.e2e.test.ts) log real models and turn it on.
    MLFLOW_KSERVE_PREFLIGHT: 'off',
    MLFLOW_KSERVE_MLFLOW_MAX_RETRIES: '1',
    MLFLOW_KSERVE_LOG_LEVEL: 'DEBUG',
    ...extraSettings,
  };
  listener =
    typeof listenerCommand === 'function'
      ? await listenerCommand(dir, settings)
      : await startListener(repoRoot, dir, settings, listenerCommand);
  await mlflow.api('POST', 'webhooks', { name: 'kserve', url: `${proxy.url}/good`, events, secret });
  console.log(`e2e: ${mlflow.version}; kube-apiserver ${kube.version}; work dir ${dir}`);

  const getIsvc = async (name: string): Promise<InferenceServiceManifest | null> => {
    try {
      return (await kube.custom.getNamespacedCustomObject({ ...group, name })) as InferenceServiceManifest;
    } catch (error) {
      if ((error as { code?: number }).code === 404) return null;
      throw error;
    }
  };
  return {
    dir,
    kube,
    identity,
    mlflow,
    proxy,
    listener,
    settings,
    getIsvc,
    present: (name, check = () => true) =>
      waitFor(
        `${name} to exist as expected`,
        async () => {
          const found = await getIsvc(name);
          return found && check(found) ? found : undefined;
        },
        { timeoutMs: 45_000 },
      ),
    absent: (name) =>
      waitFor(`${name} to be gone`, async () => (await getIsvc(name)) === null || undefined, { timeoutMs: 45_000 }) as Promise<true>,
    managedNames: async (prefix) =>
      (
        (await kube.custom.listNamespacedCustomObject({ ...group, labelSelector: 'managed-by=mlflow-kserve' })) as {
          items: InferenceServiceManifest[];
        }
      ).items
        .map((i) => i.metadata.name)
        .filter((n) => n.startsWith(prefix))
        .sort(),
    model: async (name) => {
      await mlflow.api('POST', 'registered-models/create', { name });
    },
    version: async (name, tags = {}, source = `s3://e2e-bucket/${name}/artifacts`) => {
      const body = await mlflow.api<{ model_version: { version: string } }>('POST', 'model-versions/create', {
        name,
        source,
        tags: Object.entries(tags).map(([key, value]) => ({ key, value })),
      });
      return body.model_version.version;
    },
    setTag: (name, v, key, value) => mlflow.api('POST', 'model-versions/set-tag', { name, version: v, key, value }),
    deleteTag: (name, v, key) => mlflow.api('DELETE', 'model-versions/delete-tag', { name, version: v, key }),
    setAlias: (name, alias, v) => mlflow.api('POST', 'registered-models/alias', { name, alias, version: v }),
    deleteAlias: (name, alias) => mlflow.api('DELETE', 'registered-models/alias', { name, alias }),
    answered: (d) => (d.answer ? (JSON.parse(d.answer) as Record<string, any>) : {}),
    versionTags: async (model, version) =>
      tagMap(
        (
          await mlflow.api<{ model_version: { tags?: Tag[] } }>(
            'GET',
            `model-versions/get?name=${encodeURIComponent(model)}&version=${encodeURIComponent(version)}`,
          )
        ).model_version.tags,
      ),
    modelTags: async (model) =>
      tagMap(
        (await mlflow.api<{ registered_model: { tags?: Tag[] } }>('GET', `registered-models/get?name=${encodeURIComponent(model)}`))
          .registered_model.tags,
      ),
    stop: async () => {
      await listener?.stop();
      await proxy.stop();
      await mlflow.stop();
      await kube.stop();
      if (process.env['MLFLOW_KSERVE_E2E_KEEP'] !== '1') rmSync(dir, { recursive: true, force: true });
    },
  };
}

type Tag = { key: string; value: string };
const tagMap = (tags: Tag[] | undefined): Record<string, string> => Object.fromEntries((tags ?? []).map((t) => [t.key, t.value]));

/** Settings as configuration keys (for `loadConfig({}, lower(settings))`). */
export function lower(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k.replace(/^MLFLOW_KSERVE_/, '').toLowerCase(), v]));
}
