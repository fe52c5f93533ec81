import { describe, expect, it } from 'vitest';
import { type AccessGrant, requiredAccess } from '../config/required-access.js';
import { describeVerbGrant, type ResourceRule, uncoveredVerbs } from './uncovered-verbs.js';

/** The uncovered verbs as `/readyz` names them. */
const missingAccess = (grants: AccessGrant[], rules: Record<string, ResourceRule[]>): string[] =>
  uncoveredVerbs(grants, rules).map(describeVerbGrant);

const isvc = { apiGroups: ['serving.kserve.io'], resources: ['inferenceservices'] };
const lease = { apiGroups: ['coordination.k8s.io'], resources: ['leases'] };
const grants = requiredAccess({
  kube_namespace: 'models',
  allowed_namespaces: ['models-gpu'],
  leader_election: undefined,
  preflight: 'off',
});

describe('uncoveredVerbs', () => {
  it('the chart’s rules in every namespace → nothing missing', () => {
    const full = { verbs: ['get', 'list', 'watch', 'create', 'patch', 'delete'], ...isvc };
    const rules = { models: [full, { verbs: ['get', 'create', 'update'], ...lease }], 'models-gpu': [full] };
    expect(missingAccess(grants, rules)).toEqual([]);
  });

  it('a Role without delete, no Lease update, nothing in the second namespace → each missing verb named with its namespace', () => {
    const rules = {
      models: [
        { verbs: ['get', 'list', 'watch', 'create', 'patch'], ...isvc },
        { verbs: ['get', 'create'], ...lease },
      ],
    };
    expect(missingAccess(grants, rules)).toEqual([
      'delete inferenceservices.serving.kserve.io in models',
      'get inferenceservices.serving.kserve.io in models-gpu',
      'list inferenceservices.serving.kserve.io in models-gpu',
      'watch inferenceservices.serving.kserve.io in models-gpu',
      'create inferenceservices.serving.kserve.io in models-gpu',
      'patch inferenceservices.serving.kserve.io in models-gpu',
      'delete inferenceservices.serving.kserve.io in models-gpu',
      'update leases.coordination.k8s.io in models',
    ]);
  });

  it('wildcards (cluster-admin’s `*`) → nothing missing; a rule limited to resourceNames → still missing', () => {
    expect(
      missingAccess(grants, {
        models: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
        'models-gpu': [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
      }),
    ).toEqual([]);
    const named = { models: [{ verbs: ['update'], ...lease, resourceNames: ['mlflow-kserve'] }] };
    expect(missingAccess([{ namespace: 'models', group: 'coordination.k8s.io', resource: 'leases', verbs: ['update'] }], named)).toEqual([
      'update leases.coordination.k8s.io in models',
    ]);
  });

  it('the preflight’s grants: a Role without servingruntimes, no ClusterRole → list servingruntimes in the namespace and list clusterservingruntimes cluster-wide named', () => {
    const withPreflight = requiredAccess({ kube_namespace: 'models', allowed_namespaces: [], leader_election: false });
    const full = { verbs: ['get', 'list', 'watch', 'create', 'patch', 'delete'], ...isvc };
    expect(missingAccess(withPreflight, { models: [full] })).toEqual([
      'list servingruntimes.serving.kserve.io in models',
      'list clusterservingruntimes.serving.kserve.io cluster-wide',
    ]);
  });
});
