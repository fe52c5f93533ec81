import { parseAllDocuments } from 'yaml';
import type { ErrorCode } from '../errors/error-codes.js';
import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import type { InferenceServiceManifest } from '../render/inference-service-manifest.js';

const safeName = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/**
 * The file of a manifest, `<namespace>/<name>.yaml`, after checking that both parts are lowercase DNS labels (no path
 * tricks); the directory and Git targets call it before touching a file.
 *
 * @throws MlflowKserveError with `code` (not retryable) when a part is not a DNS label.
 * @example
 * ```ts
 * manifestFileName('models', 'mlflow-iris-v3', 'kubernetes_error'); // 'models/mlflow-iris-v3.yaml'
 * manifestFileName('..', 'x', 'git_error'); // throws
 * ```
 */
export function manifestFileName(namespace: string, name: string, code: ErrorCode): string {
  if (!safeName.test(namespace) || !safeName.test(name)) {
    throw new MlflowKserveError(
      code,
      `Refusing unsafe file name ${JSON.stringify(`${namespace}/${name}`).slice(0, 200)}: namespace and name must be lowercase DNS labels (letters, digits, - and .).`,
      { retryable: false },
    );
  }
  return `${namespace}/${name}.yaml`;
}

/**
 * A manifest file's text as one InferenceService, or `undefined` when it is not exactly one YAML document with a
 * `metadata.name` (the directory and Git targets skip such files in a list and refuse them by name in a get).
 *
 * @example
 * ```ts
 * parseManifestFile('apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata: {name: a}\n');
 * ```
 */
export function parseManifestFile(text: string): InferenceServiceManifest | undefined {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs) || docs.length !== 1 || docs[0]!.errors.length > 0) return undefined;
  const value = docs[0]!.toJS() as InferenceServiceManifest | null;
  return typeof value === 'object' &&
    value !== null &&
    typeof value.metadata === 'object' &&
    value.metadata !== null &&
    typeof value.metadata.name === 'string'
    ? value
    : undefined;
}

/**
 * What the file of a manifest holds: the object without what the API server owns (status, resourceVersion, uid,
 * managedFields, creationTimestamp, generation).
 *
 * @example
 * ```ts
 * toYaml(fileBody(live));
 * ```
 */
export function fileBody(manifest: InferenceServiceManifest): InferenceServiceManifest {
  const body = structuredClone(manifest);
  delete body.status;
  for (const field of ['resourceVersion', 'uid', 'managedFields', 'creationTimestamp', 'generation']) delete body.metadata[field];
  return body;
}
