import { listPages } from '../mlflow/list-pages.js';
import type { Runtime } from '../runtime/runtime.js';

/** MLflow's status tags as one read found them: by `model/version`, and (with aliases) by model. */
export interface StatusSnapshot {
  versions: Map<string, Record<string, string>>;
  models: Map<string, Record<string, string>>;
}

/** Versions per page: MLflow's model-version search allows up to 200,000; 10,000 keeps one answer a few MB. */
const versionsPerPage = 10_000;

/**
 * The tags of every model version that carries a status tag (`<prefix>status`), with one paginated
 * `model-versions/search` (10,000 per page), and — when aliases are deployed, whose status lives on the
 * registered model — the tags of every registered model, with one paginated `registered-models/search`
 * (1,000 per page). A status resync compares against this instead of reading each key's place: an
 * unchanged cluster of 10,000 services costs one or a few requests, not 10,000.
 *
 * @example
 * ```ts
 * const snapshot = await readStatusSnapshot(runtime);
 * snapshot.versions.get('iris/3'); // { 'kserve.status': 'Ready', … }
 * ```
 */
export async function readStatusSnapshot(rt: Runtime): Promise<StatusSnapshot> {
  const mlflow = rt.mlflow;
  const filter = `tags.\`${rt.config.status_tag_prefix}status\` ILIKE '%'`;
  const [versions, models] = await Promise.all([
    listPages('model-versions/search', async (pageToken) => {
      const page = await mlflow.searchModelVersions({ filter, pageToken, maxResults: versionsPerPage });
      return { items: page.versions, next: page.nextPageToken };
    }),
    rt.config.deploy_aliases.length === 0
      ? Promise.resolve([])
      : listPages('registered-models/search', async (pageToken) => {
          const page = await mlflow.searchRegisteredModels({ pageToken, maxResults: 1000 });
          return { items: page.models, next: page.nextPageToken };
        }),
  ]);
  return {
    versions: new Map(versions.map((v) => [`${v.name}/${v.version}`, v.tags])),
    // A port that does not read model tags leaves them out: those keys are then read one by one.
    models: new Map(models.filter((m) => m.tags !== undefined).map((m) => [m.name, m.tags!])),
  };
}
