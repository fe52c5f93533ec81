import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Watch } from '@kubernetes/client-node';
import { DeliveryProxy } from '../e2e/harness/delivery-proxy.js';
import { startKubeServer } from '../e2e/harness/kube-server.js';
import { startListener } from '../e2e/harness/listener.js';
import { startMlflowServer } from '../e2e/harness/mlflow-server.js';
import { repoRoot } from '../e2e/harness/world.js';
import { kserveCrdPath } from '../test/fixtures.js';
import { cpuMs } from './child.js';
import { coveredMs } from './covered-ms.js';
import { startTcpCounter } from './tcp-counter.js';

/** Percentiles of one series, in ms. */
export interface Percentiles {
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** What the time-to-deploy run measured. */
export interface TimeToDeployResult {
  flips: number;
  create: Percentiles;
  delete: Percentiles;
  /** The listener's own time per delivery (request to response, at the delivery proxy). */
  listener: Percentiles;
  /**
   * Where that time went: waiting for MLflow's answers, for the API server's answers while no MLflow request
   * was open, and the rest (the listener's own work, and its hops through the counters).
   */
  listenerParts: { mlflow: Percentiles; kubernetes: Percentiles; own: Percentiles };
  /** New TCP connections per deploy + undeploy cycle. */
  newConnectionsPerCycle: { kubernetes: number; mlflow: number };
  /** Listener CPU (user + system) per delivery it answered, in ms. */
  cpuMsPerDelivery: number;
  deliveries: number;
}

export const percentiles = (values: number[]): Percentiles => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted[sorted.length - 1] ?? Number.NaN };
};

const namespace = 'models';
const model = 'time-to-deploy';
const name = `mlflow-${model}-v1`;

/**
 * Against one real MLflow and one real API server (the e2e tier's), `flips` cycles of `deploy=true` then
 * `deploy=false` on one version, measured from the moment MLflow's `set-tag` REST call returns to the moment
 * a watch on the API server sees the InferenceService ADDED (and DELETED). The listener reaches the API
 * server and MLflow through TCP counters, so connection reuse is measured too. With `pauseMs`, each step
 * starts that long after the previous one was seen, so no delivery overlaps the next one.
 */
export async function timeToDeploy(flips = 50, settings: Record<string, string> = {}, pauseMs = 0): Promise<TimeToDeployResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-ttd-'));
  const [kube, mlflow] = await Promise.all([startKubeServer(join(dir, 'kube'), kserveCrdPath), startMlflowServer(join(dir, 'mlflow'))]);
  const kubeUrl = new URL(kube.url);
  const mlflowUrl = new URL(mlflow.url);
  const [kubeCounter, mlflowCounter] = await Promise.all([
    startTcpCounter('127.0.0.1', Number(kubeUrl.port)),
    startTcpCounter('127.0.0.1', Number(mlflowUrl.port)),
  ]);
  const kubeconfig = join(dir, 'listener.kubeconfig');
  writeFileSync(kubeconfig, readFileSync(kube.kubeconfigPath, 'utf8').replace(kube.url, `https://127.0.0.1:${kubeCounter.port}`));
  let listenerUrl = '';
  const proxy = new DeliveryProxy(() => listenerUrl);
  await proxy.start();
  const listener = await startListener(repoRoot, dir, {
    MLFLOW_KSERVE_MLFLOW_TRACKING_URI: `http://127.0.0.1:${mlflowCounter.port}`,
    MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET: 'bench-secret',
    MLFLOW_KSERVE_KUBE_IN_CLUSTER: 'false',
    MLFLOW_KSERVE_KUBE_CONFIG: kubeconfig,
    MLFLOW_KSERVE_KUBE_NAMESPACE: namespace,
    MLFLOW_KSERVE_STORAGE_URI_BASE: 's3://bench-artifacts',
    MLFLOW_KSERVE_LOG_LEVEL: 'WARNING',
    // The version's source is an s3:// path with no files behind it, so there is no MLmodel to read; with files,
    // the preflight costs one MLflow read per version (its MLmodel is remembered), not one per delivery.
    MLFLOW_KSERVE_PREFLIGHT: 'off',
    ...settings,
  });
  listenerUrl = listener.url;
  const events: { type: string; at: number }[] = [];
  let watching: AbortController | undefined;
  let stopped = false;
  // A watch of the namespace, started again (from a fresh list) whenever the API server ends it; a change
  // that happened in between is seen in the list and recorded at that moment.
  let present = false;
  const startWatch = async (): Promise<void> => {
    if (stopped) return;
    const list = (await kube.custom.listNamespacedCustomObject({
      group: 'serving.kserve.io',
      version: 'v1beta1',
      plural: 'inferenceservices',
      namespace,
    })) as { metadata: { resourceVersion: string }; items: { metadata: { name: string } }[] };
    const now = list.items.some((i) => i.metadata.name === name);
    if (now !== present) events.push({ type: now ? 'ADDED' : 'DELETED', at: performance.now() });
    present = now;
    watching = await new Watch(kube.kubeConfig).watch(
      `/apis/serving.kserve.io/v1beta1/namespaces/${namespace}/inferenceservices`,
      { resourceVersion: list.metadata.resourceVersion },
      (type, object: { metadata?: { name?: string } }) => {
        if (object.metadata?.name !== name) return;
        events.push({ type, at: performance.now() });
        if (type === 'ADDED') present = true;
        if (type === 'DELETED') present = false;
      },
      () => void setTimeout(() => void startWatch().catch(() => undefined), 20),
    );
  };
  await startWatch();
  await new Promise((r) => setTimeout(r, 1500));
  const waitEvent = async (type: string, after: number): Promise<number> => {
    for (let i = 0; i < 30_000; i += 1) {
      const found = events.find((e) => e.type === type && e.at >= after);
      if (found) return found.at;
      await new Promise((r) => setTimeout(r, 1));
    }
    throw new Error(`no ${type} event for ${name}`);
  };
  try {
    await mlflow.api('POST', 'webhooks', {
      name: 'kserve',
      url: `${proxy.url}/good`,
      events: [
        { entity: 'MODEL_VERSION_TAG', action: 'SET' },
        { entity: 'MODEL_VERSION_TAG', action: 'DELETED' },
      ],
      secret: 'bench-secret',
    });
    await mlflow.api('POST', 'registered-models/create', { name: model });
    await mlflow.api('POST', 'model-versions/create', { name: model, source: `s3://bench-bucket/${model}/artifacts` });
    const setTag = (value: string) => mlflow.api('POST', 'model-versions/set-tag', { name: model, version: '1', key: 'deploy', value });
    // Warm-up cycles (first connections, JIT), not counted.
    for (let i = 0; i < 3; i += 1) {
      await setTag('true');
      await waitEvent('ADDED', 0);
      await setTag('false');
      await waitEvent('DELETED', performance.now() - 60_000);
      events.length = 0;
    }
    await proxy.settle(500);
    const deliveriesBefore = proxy.deliveries.length;
    const connectionsBefore = { kubernetes: kubeCounter.connections(), mlflow: mlflowCounter.connections() };
    const pid = listener.pid;
    const cpuBefore = cpuMs(pid);
    const create: number[] = [];
    const remove: number[] = [];
    // MLflow may deliver (and the listener act) before set-tag's answer reaches us: an event seen before the
    // call returned counts as 0 ms.
    const flip = async (value: string, event: 'ADDED' | 'DELETED'): Promise<number> => {
      const before = performance.now();
      await setTag(value);
      const returned = performance.now();
      return Math.max(0, (await waitEvent(event, before)) - returned);
    };
    const pause = () => new Promise((r) => setTimeout(r, pauseMs));
    for (let i = 0; i < flips; i += 1) {
      create.push(await flip('true', 'ADDED'));
      await pause();
      remove.push(await flip('false', 'DELETED'));
      await pause();
    }
    await proxy.settle(500);
    const cpu = cpuMs(pid) - cpuBefore;
    const deliveries = proxy.deliveries.slice(deliveriesBefore);
    const parts = deliveries.flatMap((d) => {
      if (d.forwardedAt === undefined || d.listenerMs === undefined) return [];
      const window = { start: d.forwardedAt, end: d.forwardedAt + d.listenerMs };
      const mlflowMs = coveredMs(mlflowCounter.spans, window);
      const waitingMs = coveredMs([...mlflowCounter.spans, ...kubeCounter.spans], window);
      return [{ mlflow: mlflowMs, kubernetes: waitingMs - mlflowMs, own: d.listenerMs - waitingMs }];
    });
    return {
      flips,
      create: percentiles(create),
      delete: percentiles(remove),
      listener: percentiles(deliveries.map((d) => d.listenerMs ?? Number.NaN).filter((x) => !Number.isNaN(x))),
      listenerParts: {
        mlflow: percentiles(parts.map((p) => p.mlflow)),
        kubernetes: percentiles(parts.map((p) => p.kubernetes)),
        own: percentiles(parts.map((p) => p.own)),
      },
      newConnectionsPerCycle: {
        kubernetes: (kubeCounter.connections() - connectionsBefore.kubernetes) / flips,
        mlflow: (mlflowCounter.connections() - connectionsBefore.mlflow) / flips,
      },
      cpuMsPerDelivery: cpu / Math.max(1, deliveries.length),
      deliveries: deliveries.length,
    };
  } finally {
    stopped = true;
    watching?.abort();
    await listener.stop();
    await proxy.stop();
    await Promise.all([kubeCounter.close(), mlflowCounter.close()]);
    await Promise.all([mlflow.stop(), kube.stop()]);
  }
}

if (process.argv[1]?.endsWith('time-to-deploy.ts')) {
  const settings = Object.fromEntries(process.argv.slice(3).map((a) => a.split('=') as [string, string]));
  console.log(JSON.stringify(await timeToDeploy(Number(process.argv[2] ?? 50), settings, Number(process.env['PAUSE_MS'] ?? 0))));
}
