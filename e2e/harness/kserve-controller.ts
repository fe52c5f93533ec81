import type { KubeServer } from './kube-server.js';

type Isvc = {
  metadata: { name: string; generation?: number; annotations?: Record<string, string> };
  status?: { observedGeneration?: number; components?: { predictor?: { latestCreatedRevision?: string } } };
};

/** The revision name KServe's Knative mode gives a predictor's n-th revision; here n is the version served. */
export const revisionOf = (isvc: string, version: string): string => `${isvc}-predictor-${version.padStart(5, '0')}`;

/**
 * Plays KServe's controller in Knative mode for the managed InferenceServices of `namespace` (no KServe runs
 * in the e2e tier): whenever an InferenceService's spec changed (its generation is newer than what the status
 * says was observed), writes the status KServe would once the new revision is up — observedGeneration, Ready,
 * the predictor's latest created and ready revision (named after the version served) and a URL.
 */
export function playKServe(kube: KubeServer, namespace: string): { stop(): void } {
  const base = `/apis/serving.kserve.io/v1beta1/namespaces/${namespace}/inferenceservices`;
  let stopped = false;
  const loop = async (): Promise<void> => {
    while (!stopped) {
      try {
        const list = JSON.parse((await kube.request('GET', `${base}?labelSelector=managed-by%3Dmlflow-kserve`)).text) as { items?: Isvc[] };
        for (const isvc of list.items ?? []) {
          const generation = isvc.metadata.generation ?? 1;
          const version = isvc.metadata.annotations?.['mlflow-kserve.io/model-version'] ?? '0';
          const revision = revisionOf(isvc.metadata.name, version);
          if (isvc.status?.observedGeneration === generation && isvc.status.components?.predictor?.latestCreatedRevision === revision)
            continue;
          const status = {
            observedGeneration: generation,
            url: `http://${isvc.metadata.name}.${namespace}.example.com`,
            conditions: [{ type: 'Ready', status: 'True' }],
            components: { predictor: { latestCreatedRevision: revision, latestReadyRevision: revision } },
          };
          await kube.request('PATCH', `${base}/${isvc.metadata.name}/status`, JSON.stringify({ status }), 'application/merge-patch+json');
        }
      } catch {
        // The API server may be busy; the next pass tries again.
      }
      await new Promise((r) => setTimeout(r, 300));
    }
  };
  void loop();
  return {
    stop: () => {
      stopped = true;
    },
  };
}
