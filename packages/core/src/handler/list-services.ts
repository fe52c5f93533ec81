import { identityOf } from '../keys/identity-of.js';
import { listManaged } from '../ownership/list-managed.js';
import { ownerOf } from '../ownership/ownership.js';
import { summarizeStatus } from '../status/summarize-status.js';
import { toRuntime, type MlflowKserveDeps, type Runtime } from '../runtime/runtime.js';
import type { PreflightReason } from '../preflight/preflight-reasons.js';

/** One entry of `/services`. */
export interface ManagedService {
  name: string;
  namespace: string;
  model_name: string | undefined;
  model_version: string | undefined;
  /** For an alias service: the alias it follows (`model_version` is the version it serves). */
  model_alias?: string;
  status: 'Ready' | 'NotReady' | 'Unknown';
  reason?: string;
  url?: string;
  model_state?: string;
}

/**
 * The InferenceServices this SDK manages in every allowed namespace, with their status (the original
 * `/services` shape: name, namespace, model, version (and alias), status, plus reason, url and model state when known),
 * and, once the preflight has refused something, this process's refusals by reason (`preflight_rejections`).
 *
 * @example
 * ```ts
 * const { services } = await listServices({ config, kube });
 * ```
 */
export async function listServices(
  deps: MlflowKserveDeps | Runtime,
): Promise<{ services: ManagedService[]; warnings?: string[]; preflight_rejections?: Partial<Record<PreflightReason, number>> }> {
  const rt = toRuntime(deps);
  const items = await listManaged(rt);
  const services = items
    .map((item): ManagedService => {
      const owner = ownerOf(item);
      const summary = summarizeStatus(item);
      return {
        name: item.metadata.name,
        namespace: item.metadata.namespace,
        model_name: owner.managed ? owner.key?.model : undefined,
        model_version: owner.managed ? owner.servedVersion : undefined,
        ...(owner.managed && owner.key ? aliasOf(identityOf(owner.key).templateValues(owner.key)) : {}),
        status: summary.state,
        ...(summary.reason ? { reason: summary.reason } : {}),
        ...(summary.url ? { url: summary.url } : {}),
        ...(summary.modelState ? { model_state: summary.modelState } : {}),
      };
    })
    .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
  const warnings = rt.kube.warnings?.() ?? [];
  const rejections = rt.state.preflightRejections;
  return {
    services,
    ...(warnings.length > 0 ? { warnings } : {}),
    ...(Object.keys(rejections).length > 0 ? { preflight_rejections: { ...rejections } } : {}),
  };
}

const aliasOf = (values: { alias?: string }): { model_alias?: string } => (values.alias === undefined ? {} : { model_alias: values.alias });
