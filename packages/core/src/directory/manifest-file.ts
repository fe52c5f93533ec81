import { parseAllDocuments } from 'yaml';
import type { InferenceServiceManifest } from '../render/inference-service-manifest.js';

const safeName = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/**
 * Whether `namespace` and `name` can name a manifest file (`<namespace>/<name>.yaml`) with no path tricks: lowercase
 * DNS labels only. The directory and Git targets refuse anything else before touching a file.
 *
 * @example
 * ```ts
 * isSafeFileName('models', 'mlflow-iris-v3'); // true
 * isSafeFileName('..', 'x'); // false
 * ```
 */
export function isSafeFileName(namespace: string, name: string): boolean {
  return safeName.test(namespace) && safeName.test(name);
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
