import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';

/** What is known about where a version's files are. */
export interface StorageFacts {
  /** `get-download-uri`'s answer, when MLflow gave one. */
  downloadUri?: string | undefined;
  /** The version's `source`. */
  source?: string | undefined;
  /** The run's `artifact_uri`, when the source is `runs:/…`. */
  runArtifactUri?: string | undefined;
  /** `storage_uri_base`, onto which `mlflow-artifacts:/<path>` maps. */
  storageUriBase?: string | undefined;
}

const passThrough = /^(s3|gs|pvc|file|https?|hdfs|webhdfs|oci|hf):\/\//i;

/**
 * Whether KServe can pull from this URI as it is (`s3://`, `gs://`, `https://`, `pvc://`, `hf://`, …),
 * so no MLflow call is needed to resolve it.
 *
 * @example
 * ```ts
 * isPullableUri('s3://bucket/model'); // true
 * isPullableUri('models:/m-0123'); // false
 * ```
 */
export function isPullableUri(uri: string | undefined): boolean {
  return uri !== undefined && passThrough.test(uri.trim());
}

function unusable(uri: string, hint: string): MlflowKserveError {
  return new MlflowKserveError('storage_uri_unusable', `Model artifacts at "${uri}" cannot be pulled by KServe: ${hint}`, {
    retryable: false,
    details: { uri },
  });
}

function joinUri(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

function convert(uri: string, facts: StorageFacts): string | undefined {
  if (isPullableUri(uri)) return uri.replace(/\/+$/, '');
  const artifacts = /^mlflow-artifacts:(?:\/\/[^/]*)?\/?(.*)$/i.exec(uri);
  if (artifacts) {
    if (!facts.storageUriBase)
      throw unusable(uri, "set MLFLOW_KSERVE_STORAGE_URI_BASE to the bucket behind MLflow's artifact store (e.g. s3://mlflow-artifacts).");
    return joinUri(facts.storageUriBase, artifacts[1]!);
  }
  const wasb = /^wasbs?:\/\/([^@/]+)@([^/]+?)\.blob\.core\.windows\.net\/?(.*)$/i.exec(uri);
  if (wasb) return joinUri(`https://${wasb[2]}.blob.core.windows.net/${wasb[1]}`, wasb[3]!).replace(/\/+$/, '');
  const runs = /^runs:\/([^/]+)\/?(.*)$/i.exec(uri);
  if (runs) {
    if (!facts.runArtifactUri) return undefined;
    return convert(joinUri(facts.runArtifactUri, runs[2]!), { ...facts, runArtifactUri: undefined });
  }
  return undefined;
}

/**
 * The folder URI as KServe's storage initializer needs it. An `s3://` folder ends in `/`: the initializer lists
 * objects by plain prefix, so `s3://b/models/iris` would also pull `s3://b/models/iris-v2/…` into the model's
 * folder (kserve/kserve#3776). GCS adds the `/` itself; Azure strips it (its sibling pulls cannot be avoided from
 * the URI); `https://`, `pvc://`, `hf://`, `oci://` name a file, a mount or a repository and stay as they are.
 */
function shapedForKserve(uri: string): string {
  const folder = uri.replace(/\/+$/, '');
  return /^s3:\/\//i.test(folder) ? `${folder}/` : folder;
}

/**
 * Turns what MLflow says about a version's files into a `storageUri` KServe can pull. Prefers the
 * download URI, then `source`: `s3://`, `gs://`, `https://`, `pvc://`, `hf://`… pass through,
 * `mlflow-artifacts:/<path>` maps onto `storage_uri_base`, `runs:/<run>/<path>` goes through the run's
 * artifact URI, Azure `wasbs://container@account.blob.core.windows.net/p` becomes `https://account.blob.core.windows.net/container/p`.
 * Trailing slashes are dropped, except that an `s3://` folder ends in exactly one `/` (KServe's storage
 * initializer lists s3 by prefix; without it, sibling folders sharing the prefix would be pulled too).
 *
 * @throws MlflowKserveError `storage_uri_unusable` naming the URI (e.g. an unresolved `models:/…`).
 * @example
 * ```ts
 * resolveStorageUri({ downloadUri: 'mlflow-artifacts:/1/models/m-abc/artifacts', storageUriBase: 's3://mlflow' });
 * // 's3://mlflow/1/models/m-abc/artifacts/'
 * ```
 */
export function resolveStorageUri(facts: StorageFacts): string {
  const candidates = [facts.downloadUri, facts.source].filter((u): u is string => typeof u === 'string' && u.trim() !== '');
  for (const candidate of candidates) {
    const converted = convert(candidate.trim(), facts);
    if (converted) return shapedForKserve(converted);
  }
  const shown = candidates[0];
  if (shown === undefined) throw unusable('(none)', 'MLflow reported neither a download URI nor a source for this version.');
  if (/^models:\//i.test(shown))
    throw unusable(shown, "a models:/ URI must be resolved through MLflow's get-download-uri; check that MLflow is reachable.");
  if (/^runs:\//i.test(shown)) throw unusable(shown, "the run's artifact URI could not be read from MLflow.");
  throw unusable(shown, 'its scheme is not one KServe supports (s3, gs, https, pvc, hf, oci, hdfs, file).');
}
