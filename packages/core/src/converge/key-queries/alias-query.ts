import { MlflowKserveError } from '../../errors/mlflow-kserve-error.js';
import { listPages } from '../../mlflow/list-pages.js';
import { mapWithConcurrency } from '../../util/map-with-concurrency.js';
import type { KeyQuery } from './key-query.js';

/** An alias is wanted while it is listed in `MLFLOW_KSERVE_DEPLOY_ALIASES` and exists in MLflow. */
export const aliasQuery: KeyQuery<'alias'> = {
  kind: 'alias',
  read: async (rt, key) => {
    if (!(rt.policy.aliases ?? []).includes(key.alias)) {
      return { wanted: false, reason: `alias ${key.alias} is not in MLFLOW_KSERVE_DEPLOY_ALIASES` };
    }
    const version = await rt.mlflow.getModelVersionByAlias(key.model, key.alias);
    if (!version) return { wanted: false, reason: 'the alias (or its model) no longer exists in MLflow' };
    if (version.status === 'FAILED_REGISTRATION') {
      throw new MlflowKserveError(
        'storage_uri_unusable',
        `Alias ${key.model}@${key.alias} points to version ${version.version}, whose registration failed in MLflow; the running service is kept. Point the alias at a good version.`,
        { retryable: false },
      );
    }
    return { wanted: true, version };
  },
  listWanted: async (rt) => {
    const configured = new Set(rt.policy.aliases ?? []);
    if (configured.size === 0) return [];
    const mlflow = rt.mlflow;
    const models = await listPages('registered-models/search', async (pageToken) => {
      const page = await mlflow.searchRegisteredModels({ pageToken, maxResults: 1000 });
      return { items: page.models, next: page.nextPageToken };
    });
    const targets = models.flatMap((m) =>
      m.aliases.filter((a) => configured.has(a.alias)).map((a) => ({ model: m.name, alias: a.alias, version: a.version })),
    );
    const versions = await mapWithConcurrency(targets, rt.config.reconcile_concurrency, (t) => mlflow.getModelVersion(t.model, t.version));
    return targets.map((t, i) => ({ key: { kind: 'alias', model: t.model, alias: t.alias }, version: versions[i] ?? undefined }));
  },
};
