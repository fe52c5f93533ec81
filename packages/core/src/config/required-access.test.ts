import { describe, expect, it } from 'vitest';
import { requiredAccess } from './required-access.js';

describe('requiredAccess', () => {
  it('kube_namespace and an allowed namespace, leader election by default, preflight off → InferenceService verbs in both, the Lease verbs in the first', () => {
    expect(
      requiredAccess({ kube_namespace: 'models', allowed_namespaces: ['models-gpu'], leader_election: undefined, preflight: 'off' }),
    ).toEqual([
      {
        namespace: 'models',
        group: 'serving.kserve.io',
        resource: 'inferenceservices',
        verbs: ['get', 'list', 'watch', 'create', 'patch', 'delete'],
      },
      {
        namespace: 'models-gpu',
        group: 'serving.kserve.io',
        resource: 'inferenceservices',
        verbs: ['get', 'list', 'watch', 'create', 'patch', 'delete'],
      },
      { namespace: 'models', group: 'coordination.k8s.io', resource: 'leases', verbs: ['get', 'create', 'update'] },
    ]);
  });

  it('leader_election false, preflight off → no Lease grant required', () => {
    expect(
      requiredAccess({ kube_namespace: 'models', allowed_namespaces: [], leader_election: false, preflight: 'off' }).map((g) => g.resource),
    ).toEqual(['inferenceservices']);
  });

  it('preflight on (the default) → list servingruntimes in each namespace, list clusterservingruntimes cluster-wide (namespace "")', () => {
    const grants = requiredAccess({ kube_namespace: 'models', allowed_namespaces: ['models-gpu'], leader_election: false });
    expect(grants.filter((g) => g.resource !== 'inferenceservices')).toEqual([
      { namespace: 'models', group: 'serving.kserve.io', resource: 'servingruntimes', verbs: ['list'] },
      { namespace: 'models-gpu', group: 'serving.kserve.io', resource: 'servingruntimes', verbs: ['list'] },
      { namespace: '', group: 'serving.kserve.io', resource: 'clusterservingruntimes', verbs: ['list'] },
    ]);
  });
});
