/** One entry of `metadata.managedFields`, as the API server returns it. */
export interface ManagedFieldsEntry {
  manager?: string;
  operation?: string;
  apiVersion?: string;
  time?: string;
  fieldsType?: string;
  fieldsV1?: Record<string, unknown>;
  subresource?: string;
  [key: string]: unknown;
}

/** The union of two `fieldsV1` sets (nested objects of `f:`/`k:`/`v:` keys, `.` for the node itself). */
function unionFields(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const mine = out[key];
    out[key] =
      mine && typeof mine === 'object' && value && typeof value === 'object'
        ? unionFields(mine as Record<string, unknown>, value as Record<string, unknown>)
        : (mine ?? value);
  }
  return out;
}

/**
 * `managedFields` with the fields `manager` owns through ordinary writes (operation `Update`: what a create by POST
 * records) moved into its server-side-apply entry (operation `Apply`), as `kubectl`'s client-side-apply upgrade does.
 * Server-side apply removes a field its manager stops sending only when that manager owns it *as Apply*: without
 * this, a field a service was created with (an override, a copied tag) would stay after MLflow stopped asking for it.
 * `undefined` when there is nothing to move.
 *
 * @example
 * ```ts
 * adoptUpdateFields([{ manager: 'mlflow-kserve', operation: 'Update', apiVersion: 'serving.kserve.io/v1beta1', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': {} } }], 'mlflow-kserve');
 * // [{ manager: 'mlflow-kserve', operation: 'Apply', apiVersion: 'serving.kserve.io/v1beta1', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': {} } }]
 * ```
 */
export function adoptUpdateFields(entries: ManagedFieldsEntry[] | undefined, manager: string): ManagedFieldsEntry[] | undefined {
  const list = entries ?? [];
  const ours = (e: ManagedFieldsEntry, operation: string) => e.manager === manager && e.operation === operation && !e.subresource;
  const updates = list.filter((e) => ours(e, 'Update'));
  if (updates.length === 0) return undefined;
  const apply = list.find((e) => ours(e, 'Apply'));
  const merged = [...(apply ? [apply] : []), ...updates].reduce<Record<string, unknown>>(
    (fields, e) => unionFields(fields, e.fieldsV1 ?? {}),
    {},
  );
  const adopted: ManagedFieldsEntry = {
    ...(apply ?? updates[0]!),
    manager,
    operation: 'Apply',
    fieldsType: 'FieldsV1',
    fieldsV1: merged,
  };
  const rest = list.filter((e) => !ours(e, 'Update') && !ours(e, 'Apply'));
  return [...rest, adopted];
}
