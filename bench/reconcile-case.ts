// One reconcile measurement in its own process (so peak RSS is its own): argv = trackingUri, target, kubeconfig?
import { createRuntime, loadConfig, reconcile, type KubePort } from '@mlflow-kserve/core';
import { createKubeClient } from '@mlflow-kserve/core/kube';
import { InMemoryKube } from '@mlflow-kserve/core/testing';

const [trackingUri, target, kubeconfig] = process.argv.slice(2) as [string, string, string | undefined];
const config = loadConfig({}, {
  mlflow_webhook_secret: 'bench', mlflow_tracking_uri: trackingUri, log_level: 'ERROR', reconcile_concurrency: 8,
  kube_in_cluster: false, ...(kubeconfig ? { kube_config: kubeconfig } : {}), kube_namespace: 'bench',
});
const calls: Record<string, number> = {};
const base: KubePort = target === 'api-server' ? createKubeClient(config) : new InMemoryKube();
const kube = new Proxy(base, {
  get(t, p, r) {
    const v = Reflect.get(t, p, r) as unknown;
    if (typeof v !== 'function') return v;
    return (...args: unknown[]) => {
      calls[String(p)] = (calls[String(p)] ?? 0) + 1;
      return (v as (...a: unknown[]) => unknown).apply(t, args);
    };
  },
}) as KubePort;
const runtime = createRuntime({ config, kube, mlflow: (await import('@mlflow-kserve/core/mlflow')).createMlflowClient(config) });
const runs: { ms: number; writes: number; counts: Record<string, number> }[] = [];
for (let i = 0; i < 2; i += 1) {
  const before = (calls['apply'] ?? 0) + (calls['delete'] ?? 0);
  const t = performance.now();
  const report = await reconcile(runtime);
  if (report.failed > 0) throw new Error(`reconcile failed: ${JSON.stringify(report.items.find((x) => x.outcome === 'failed'))}`);
  runs.push({ ms: performance.now() - t, writes: (calls['apply'] ?? 0) + (calls['delete'] ?? 0) - before, counts: report.counts });
}
process.send?.({ runs, calls, maxRssMb: process.resourceUsage().maxRSS / 1024 });
