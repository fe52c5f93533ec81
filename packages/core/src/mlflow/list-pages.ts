import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';

/** Most pages one listing may take (10 million items at MLflow's 1,000 per page). */
export const maxPages = 10_000;

/**
 * Every item of a paginated MLflow search. Ends with an error, never a loop, when MLflow hands back a page
 * token it already gave or the listing exceeds {@link maxPages}.
 *
 * @throws MlflowKserveError `mlflow_error` on a repeated token or too many pages.
 * @example
 * ```ts
 * const versions = await listPages('model-versions/search', (pageToken) => mlflow.searchModelVersions({ filter, pageToken }).then((p) => ({ items: p.versions, next: p.nextPageToken })));
 * ```
 */
export async function listPages<T>(
  what: string,
  fetchPage: (pageToken: string | undefined) => Promise<{ items: T[]; next: string | undefined }>,
): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  for (let page = 0; ; page += 1) {
    if (page >= maxPages)
      throw new MlflowKserveError('mlflow_error', `MLflow ${what} did not end after ${maxPages} pages; stopped without writing anything.`);
    const result = await fetchPage(token);
    items.push(...result.items);
    if (!result.next) return items;
    if (seen.has(result.next)) {
      throw new MlflowKserveError(
        'mlflow_error',
        `MLflow ${what} returned the same next_page_token twice; stopped without writing anything.`,
      );
    }
    seen.add(result.next);
    token = result.next;
  }
}
