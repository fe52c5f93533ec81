// One reconcile measurement in its own plain-node process (so peak RSS is its own, without a TypeScript
// loader): argv = trackingUri, target ('in-memory' | 'api-server'), kubeconfig?
import { createRuntime, loadConfig } from '@mlflow-kserve/core';
import { reconcile } from '@mlflow-kserve/core/operations';
import { createMlflowClient } from '@mlflow-kserve/core/mlflow';
import { InMemoryKube } from '@mlflow-kserve/core/testing';

const [trackingUri, target, kubeconfig] = process.argv.slice(2);
const config = loadConfig(
  {},
  {
    mlflow_webhook_secret: 'bench',
    mlflow_tracking_uri: trackingUri,
    log_level: 'ERROR',
    reconcile_concurrency: 8,
    kube_in_cluster: false,
    ...(kubeconfig ? { kube_config: kubeconfig } : {}),
    kube_namespace: 'bench',
  },
);
const calls = {};
const base = target === 'api-server' ? (await import('@mlflow-kserve/core/kube')).createKubeClient(config) : new InMemoryKube();
const kube = new Proxy(base, {
  get(t, p, r) {
    const v = Reflect.get(t, p, r);
    if (typeof v !== 'function') return v;
    return (...args) => {
      calls[String(p)] = (calls[String(p)] ?? 0) + 1;
      return v.apply(t, args);
    };
  },
});
const runtime = createRuntime({ config, kube, mlflow: createMlflowClient(config) });
const runs = [];
for (let i = 0; i < 2; i += 1) {
  const before = (calls.apply ?? 0) + (calls.delete ?? 0);
  const t = performance.now();
  const report = await reconcile(runtime);
  if (report.failed > 0) throw new Error(`reconcile failed: ${JSON.stringify(report.items.find((x) => x.outcome === 'failed'))}`);
  runs.push({ ms: performance.now() - t, writes: (calls.apply ?? 0) + (calls.delete ?? 0) - before, counts: report.counts });
}
process.send?.({ runs, calls, maxRssMb: process.resourceUsage().maxRSS / 1024 });
