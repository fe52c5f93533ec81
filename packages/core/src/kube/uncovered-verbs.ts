import type { AccessGrant } from '../config/required-access.js';

/** One rule of a SelfSubjectRulesReview's `status.resourceRules`. */
export interface ResourceRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
}

const covers = (values: string[] | undefined, wanted: string): boolean => (values ?? []).some((v) => v === '*' || v === wanted);

/** One verb on one resource in one namespace. */
export interface VerbGrant {
  namespace: string;
  group: string;
  resource: string;
  verb: string;
}

/** `verb resource.group in namespace` (or `cluster-wide`), as `/readyz` names a permission. */
export const describeVerbGrant = (g: VerbGrant): string =>
  `${g.verb} ${g.resource}${g.group ? `.${g.group}` : ''} ${g.namespace ? `in ${g.namespace}` : 'cluster-wide'}`;

/**
 * The verbs of `grants` not covered by the rules the API server reports for each namespace. A rule limited to named
 * objects (`resourceNames`) does not count: the listener lists, watches and creates objects it cannot name in advance.
 *
 * @example
 * ```ts
 * uncoveredVerbs([{ namespace: 'models', group: 'coordination.k8s.io', resource: 'leases', verbs: ['get', 'update'] }],
 *   { models: [{ verbs: ['get'], apiGroups: ['coordination.k8s.io'], resources: ['leases'] }] });
 * // [{ namespace: 'models', group: 'coordination.k8s.io', resource: 'leases', verb: 'update' }]
 * ```
 */
export function uncoveredVerbs(grants: AccessGrant[], rulesByNamespace: Record<string, ResourceRule[]>): VerbGrant[] {
  const uncovered: VerbGrant[] = [];
  for (const grant of grants) {
    const rules = (rulesByNamespace[grant.namespace] ?? []).filter(
      (r) => (r.resourceNames ?? []).length === 0 && covers(r.apiGroups, grant.group) && covers(r.resources, grant.resource),
    );
    for (const verb of grant.verbs) {
      if (!rules.some((r) => covers(r.verbs, verb))) {
        uncovered.push({ namespace: grant.namespace, group: grant.group, resource: grant.resource, verb });
      }
    }
  }
  return uncovered;
}
