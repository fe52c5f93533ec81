import { describe, expect, it } from 'vitest';
import { DirectoryKube } from '../directory/directory-kube.js';
import { createKubePort } from './create-kube-port.js';

describe('createKubePort', () => {
  it('kube_target dir:./out → DirectoryKube on ./out', () => {
    const kube = createKubePort({ kube_target: 'dir:./out', kube_in_cluster: true, kube_config: undefined });
    expect(kube).toBeInstanceOf(DirectoryKube);
    expect((kube as DirectoryKube).directory).toBe('./out');
  });

  it('kube_target git:<URL> → config_invalid naming createGitKube of @mlflow-kserve/core/git (the Git library stays out of this entry)', () => {
    expect(() => createKubePort({ kube_target: 'git:https://g.example/d.git', kube_in_cluster: true, kube_config: undefined })).toThrow(
      /createGitKube from @mlflow-kserve\/core\/git/,
    );
  });

  it('in-cluster outside a pod → config_invalid saying what to set, never localhost:8080', () => {
    expect(() => createKubePort({ kube_target: 'cluster', kube_in_cluster: true, kube_config: undefined }, {})).toThrow(
      /not running in a pod.*MLFLOW_KSERVE_KUBE_TARGET=dir/s,
    );
  });

  it('kubeconfig mode with no kubeconfig anywhere → config_invalid naming the places looked at', () => {
    expect(() =>
      createKubePort({ kube_target: 'cluster', kube_in_cluster: false, kube_config: '/nonexistent/kubeconfig' }, { HOME: '/nonexistent' }),
    ).toThrow(/No kubeconfig found.*\/nonexistent\/kubeconfig/s);
  });
});
