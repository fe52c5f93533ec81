function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Folder URIs that differ only in a trailing `/` name the same files. s3 folders gained their `/` in a later
 * release (without it KServe's storage initializer also pulls sibling prefixes); a service written before keeps
 * its URI until something else changes, instead of every s3-backed model rolling once on upgrade.
 */
function sameFolder(desired: unknown, actual: unknown): boolean {
  return typeof desired === 'string' && typeof actual === 'string' && desired.replace(/\/+$/, '') === actual.replace(/\/+$/, '');
}

function covers(desired: unknown, actual: unknown, field?: string): boolean {
  if (isPlainObject(desired)) {
    if (!isPlainObject(actual)) return false;
    return Object.entries(desired).every(([key, value]) => covers(value, actual[key], key));
  }
  if (Array.isArray(desired)) {
    return Array.isArray(actual) && desired.length === actual.length && desired.every((item, i) => covers(item, actual[i]));
  }
  return Object.is(desired, actual) || (field === 'storageUri' && sameFolder(desired, actual));
}

/**
 * Whether every field this SDK sets (`metadata.labels`, `metadata.annotations`, `spec`) already has the
 * desired value in the live object. Fields others added (KServe's defaults, status, managedFields) are
 * ignored, so an InferenceService KServe has mutated still compares equal and costs no write. A `storageUri`
 * that differs only in a trailing `/` compares equal.
 *
 * @example
 * ```ts
 * if (ownedFieldsEqual(desired, live)) return 'unchanged';
 * ```
 */
export function ownedFieldsEqual(
  desired: { metadata: { labels?: unknown; annotations?: unknown }; spec?: unknown },
  actual: { metadata: { labels?: unknown; annotations?: unknown }; spec?: unknown },
): boolean {
  return (
    covers(desired.metadata.labels ?? {}, actual.metadata.labels ?? {}) &&
    covers(desired.metadata.annotations ?? {}, actual.metadata.annotations ?? {}) &&
    covers(desired.spec ?? {}, actual.spec ?? {})
  );
}
