import type { InferenceServiceManifest } from './inference-service-manifest.js';

/** What {@link withRegistryMetadata} copies from the registry. */
export interface RegistryMetadata {
  /** `metadata_tag_prefix`: only tags whose key starts with it are copied, without it. */
  prefix: string;
  modelTags: Record<string, string>;
  versionTags: Record<string, string>;
  modelDescription?: string | undefined;
  versionDescription?: string | undefined;
}

/** Annotation and label keys: `mlflow-kserve.io/tag.<name>`; the names copied, for noticing a removed tag. */
export const tagKeyPrefix = 'mlflow-kserve.io/tag.';
export const metadataKeysAnnotation = 'mlflow-kserve.io/metadata-keys';
export const descriptionAnnotation = 'mlflow-kserve.io/description';
export const versionDescriptionAnnotation = 'mlflow-kserve.io/version-description';

/** The name part of a qualified Kubernetes key (≤ 63 characters, alphanumeric at both ends; `-`, `_`, `.` inside). */
const qualifiedName = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
/** A label value: empty, or ≤ 63 characters, alphanumeric at both ends; `-`, `_`, `.` inside. */
const labelValue = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;
/** Longest value copied; longer ones are cut (Kubernetes allows 256 KiB for all annotations of an object together). */
const maxValueLength = 4096;

const cut = (value: string): string => (value.length > maxValueLength ? `${value.slice(0, maxValueLength - 1)}…` : value);

/**
 * Copies the registry's metadata onto a rendered InferenceService: each registered-model and version tag whose key
 * starts with `prefix` (the version's wins) as the annotation `mlflow-kserve.io/tag.<rest of the key>` — also as a
 * label of that key when the value is a valid label value — and the model's and version's descriptions as
 * `mlflow-kserve.io/description` and `mlflow-kserve.io/version-description`. Values are set on the object, not
 * written into YAML, so no value can change the manifest's structure; each is cut at 4,096 characters.
 * `mlflow-kserve.io/metadata-keys` lists what was copied (`tag.owner,description`; empty for nothing), so a tag or
 * description removed in MLflow changes the manifest and its annotation goes (server-side apply drops what the
 * listener no longer sets). A tag whose name cannot be a
 * Kubernetes key is skipped and returned in `skipped`.
 *
 * @example
 * ```ts
 * withRegistryMetadata(manifest, { prefix: 'team.', modelTags: { 'team.owner': 'fraud-squad' }, versionTags: {} });
 * // annotations and labels: { 'mlflow-kserve.io/tag.owner': 'fraud-squad' }, annotations: { 'mlflow-kserve.io/metadata-keys': 'tag.owner' }
 * ```
 */
export function withRegistryMetadata(
  manifest: InferenceServiceManifest,
  metadata: RegistryMetadata,
): { manifest: InferenceServiceManifest; skipped: string[] } {
  const copied: Record<string, string> = {};
  const skipped: string[] = [];
  for (const tags of [metadata.modelTags, metadata.versionTags]) {
    for (const [key, value] of Object.entries(tags)) {
      if (!key.startsWith(metadata.prefix)) continue;
      const name = `tag.${key.slice(metadata.prefix.length)}`;
      if (name.length > 63 || !qualifiedName.test(name)) skipped.push(key);
      else copied[name] = value;
    }
  }
  const names = Object.keys(copied).sort();
  const annotations: Record<string, string> = { ...manifest.metadata.annotations };
  const labels: Record<string, string> = { ...manifest.metadata.labels };
  for (const name of names) {
    const value = copied[name]!;
    annotations[`mlflow-kserve.io/${name}`] = cut(value);
    if (value.length <= 63 && labelValue.test(value)) labels[`mlflow-kserve.io/${name}`] = value;
  }
  if (metadata.modelDescription) {
    annotations[descriptionAnnotation] = cut(metadata.modelDescription);
    names.push('description');
  }
  if (metadata.versionDescription) {
    annotations[versionDescriptionAnnotation] = cut(metadata.versionDescription);
    names.push('version-description');
  }
  // Always set (empty when nothing is copied): the last tag or a description removed changes it too.
  annotations[metadataKeysAnnotation] = names.join(',');
  return {
    manifest: {
      ...manifest,
      metadata: {
        ...manifest.metadata,
        ...(Object.keys(labels).length > 0 ? { labels } : {}),
        ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
      },
    },
    skipped: [...new Set(skipped)],
  };
}
