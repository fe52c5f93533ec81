import type { AccessGrant } from '../config/required-access.js';

/** One rule of a SelfSubjectRulesReview's `status.resourceRules`. */
export interface ResourceRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
}

const covers = (values: string[] | undefined, wanted: string): boolean => (values ?? []).some((v) => v === '*' || v === wanted);

/**
 * The grants not covered by the rules the API server reports for each namespace, as `verb resource.group in
 * namespace` (e.g. `delete inferenceservices.serving.kserve.io in models`). A rule limited to named objects
 * (`resourceNames`) does not count: the listener lists, watches and creates objects it cannot name in advance.
 *
 * @example
 * ```ts
 * missingAccess([{ namespace: 'models', group: 'coordination.k8s.io', resource: 'leases', verbs: ['get', 'update'] }],
 *   { models: [{ verbs: ['get'], apiGroups: ['coordination.k8s.io'], resources: ['leases'] }] });
 * // ['update leases.coordination.k8s.io in models']
 * ```
 */
export function missingAccess(grants: AccessGrant[], rulesByNamespace: Record<string, ResourceRule[]>): string[] {
  const missing: string[] = [];
  for (const grant of grants) {
    const rules = (rulesByNamespace[grant.namespace] ?? []).filter(
      (r) => (r.resourceNames ?? []).length === 0 && covers(r.apiGroups, grant.group) && covers(r.resources, grant.resource),
    );
    for (const verb of grant.verbs) {
      if (!rules.some((r) => covers(r.verbs, verb))) {
        missing.push(`${verb} ${grant.resource}${grant.group ? `.${grant.group}` : ''} in ${grant.namespace}`);
      }
    }
  }
  return missing;
}
