import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import type { ModelVersion } from '../ports/mlflow-port.js';
import type { Runtime } from '../runtime/runtime.js';
import type { Mlmodel } from '../preflight/parse-mlmodel.js';

/**
 * A version's `MLmodel`, read through MLflow: parsed; `null` when MLflow says the version has none; the reason
 * as a string when the file is not one MLflow writes; `undefined` when the registry port cannot read artifacts
 * (an event-fed registry), so nothing can be checked. A version's files do not change once registered, so a parsed
 * `MLmodel` is remembered per version and source (the 10,000–20,000 most recent: a reconcile of 10,000 services reads each once); an absent one is read again each time.
 *
 * @throws MlflowKserveError `mlflow_error` when MLflow cannot be asked (→ 502: a delivery is retried, nothing written).
 * @example
 * ```ts
 * const mlmodel = await readMlmodel(rt, version); // { flavors: ['python_function', 'sklearn'], flavor: 'sklearn', … }
 * ```
 */
export async function readMlmodel(rt: Runtime, version: ModelVersion): Promise<Mlmodel | null | string | undefined> {
  if (!rt.mlflow.getModelVersionArtifact) return undefined;
  const cacheKey = `${version.name}\n${version.version}\n${version.source ?? ''}`;
  const known = rt.mlmodels.get(cacheKey);
  if (known) return known;
  const text = await rt.mlflow.getModelVersionArtifact(version.name, version.version, 'MLmodel').catch((error: unknown) => {
    throw explained(error);
  });
  if (text === null) return null;
  // Loaded with the first MLmodel, not at startup (the YAML parser is a large part of a cold start's code).
  const { parseMlmodel, MlmodelUnreadable } = await import('../preflight/parse-mlmodel.js');
  try {
    const mlmodel = parseMlmodel(text);
    rt.mlmodels.set(cacheKey, mlmodel);
    return mlmodel;
  } catch (error) {
    if (error instanceof MlmodelUnreadable) return error.message;
    throw error;
  }
}

/**
 * MLflow reads the file from its artifact store: a 5xx there usually means the MLflow server cannot read that store
 * (an `s3://` source with no credentials on the server, `--no-serve-artifacts`). Still retryable, but saying so.
 */
function explained(error: unknown): unknown {
  if (!MlflowKserveError.isInstance(error) || error.code !== 'mlflow_error') return error;
  const status = error.details['status'];
  if (typeof status !== 'number' || status < 500) return error;
  return new MlflowKserveError(
    'mlflow_error',
    `${error.message} MLflow could not read the version's MLmodel: the preflight needs the MLflow server to read its artifact store (artifact proxying, or the store's credentials on the server); or set MLFLOW_KSERVE_PREFLIGHT=off.`,
    { retryable: error.retryable, cause: error, details: error.details },
  );
}
