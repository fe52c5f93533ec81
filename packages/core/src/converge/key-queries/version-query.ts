import { wantsDeployment } from '../../decide/wants-deployment.js';
import { listPages } from '../../mlflow/list-pages.js';
import type { ModelVersion } from '../../ports/mlflow-port.js';
import type { KeyQuery } from './key-query.js';

/** A version is wanted while its deploy tag is true and its registration did not fail. */
export const versionQuery: KeyQuery<'version'> = {
  kind: 'version',
  read: async (rt, key) => {
    const version = await rt.mlflow.getModelVersion(key.model, key.version);
    if (!version) return { wanted: false, reason: 'the version no longer exists in MLflow' };
    if (wantsDeployment(version, rt.policy)) return { wanted: true, version };
    const reason =
      version.status === 'FAILED_REGISTRATION'
        ? 'the version’s registration failed in MLflow'
        : `the version’s ${rt.policy.tagKey} tag is not true in MLflow`;
    return { wanted: false, reason };
  },
  listWanted: async (rt) => {
    const mlflow = rt.mlflow;
    const found = new Map<string, ModelVersion>();
    const tag = rt.policy.tagKey.replace(/`/g, '');
    // One search per accepted value (MLflow's filter has no OR); wantsDeployment has the last word.
    for (const value of rt.policy.trueValues) {
      const filter = `tags.\`${tag}\` ILIKE '%${value.trim().replace(/'/g, "''")}%'`;
      const versions = await listPages('model-versions/search', async (pageToken) => {
        const page = await mlflow.searchModelVersions({ filter, pageToken, maxResults: 1000 });
        return { items: page.versions, next: page.nextPageToken };
      });
      for (const v of versions) if (wantsDeployment(v, rt.policy)) found.set(`${v.name}\u0000${v.version}`, v);
    }
    return [...found.values()].map((version) => ({ key: { kind: 'version', model: version.name, version: version.version }, version }));
  },
};
