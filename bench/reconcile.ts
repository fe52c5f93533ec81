import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startFakeMlflow } from './fake-mlflow.js';

export interface ReconcileResult {
  versions: number;
  target: string;
  firstMs: number;
  firstWrites: number;
  secondMs: number;
  secondWrites: number;
  mlflowCalls: number;
  listPages: number;
  maxRssMb: number;
}

async function runCase(
  trackingUri: string,
  target: string,
  kubeconfig?: string,
): Promise<{ runs: { ms: number; writes: number }[]; calls: Record<string, number>; maxRssMb: number }> {
  const child = fork(
    fileURLToPath(new URL('./reconcile-case.mjs', import.meta.url)),
    [trackingUri, target, ...(kubeconfig ? [kubeconfig] : [])],
    {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(m as never));
    child.once('exit', (code) => code !== 0 && reject(new Error(`reconcile case exited ${code}`)));
  });
}

/** KServe's MLServer runtime as a ClusterServingRuntime, trimmed to what choosing a runtime reads. */
const mlserverRuntime = {
  apiVersion: 'serving.kserve.io/v1alpha1',
  kind: 'ClusterServingRuntime',
  metadata: { name: 'kserve-mlserver' },
  spec: {
    supportedModelFormats: [{ name: 'mlflow', version: '2', autoSelect: true, priority: 1 }],
    protocolVersions: ['v2'],
    containers: [{ name: 'kserve-container', image: 'mlserver:bench' }],
  },
};

/** Reconcile over a fake MLflow served over HTTP (the real REST client is measured) into the in-memory port and, when available, a real API server. */
export async function reconcileBench(sizes: number[], apiServerSizes: number[]): Promise<ReconcileResult[]> {
  const results: ReconcileResult[] = [];
  let kubeServer: { kubeconfigPath: string; stop(): Promise<void> } | undefined;
  const cache = process.env['MLFLOW_KSERVE_E2E_CACHE'] ?? `${process.env['HOME']}/.cache/mlflow-kserve-e2e`;
  if (apiServerSizes.length > 0 && existsSync(`${cache}/bin`)) {
    const { startKubeServer } = await import('../e2e/harness/kube-server.js');
    const { kserveCrdPath } = await import('../scripts/kserve-schema.js');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    try {
      const { kserveRuntimeCrdPaths } = await import('../test/fixtures.js');
      const server = await startKubeServer(mkdtempSync(`${tmpdir()}/bench-kube-`), kserveCrdPath(), {
        extraCrdFiles: kserveRuntimeCrdPaths,
      });
      kubeServer = server;
      // What a KServe installation brings for MLflow models: the preflight finds MLServer there, as it would in a cluster.
      const created = await server.request(
        'POST',
        '/apis/serving.kserve.io/v1alpha1/clusterservingruntimes',
        JSON.stringify(mlserverRuntime),
      );
      if (created.status !== 201)
        throw new Error(`creating the kserve-mlserver ClusterServingRuntime failed with ${created.status}: ${created.text}`);
    } catch (error) {
      console.error(`real API server unavailable, skipping that target: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  try {
    for (const [target, list] of [
      ['in-memory', sizes],
      ['api-server', kubeServer ? apiServerSizes : []],
    ] as const) {
      for (const n of list) {
        const mlflow = await startFakeMlflow(n);
        try {
          const { runs, calls, maxRssMb } = await runCase(mlflow.url, target, kubeServer?.kubeconfigPath);
          results.push({
            versions: n,
            target,
            firstMs: runs[0]!.ms,
            firstWrites: runs[0]!.writes,
            secondMs: runs[1]!.ms,
            secondWrites: runs[1]!.writes,
            mlflowCalls: [...mlflow.calls.values()].reduce((a, b) => a + b, 0) / 2,
            listPages: target === 'api-server' ? Math.max(1, Math.ceil(n / 500)) : (calls['list'] ?? 0) / 2,
            maxRssMb,
          });
        } finally {
          await mlflow.close();
        }
      }
    }
  } finally {
    await kubeServer?.stop();
  }
  return results;
}
