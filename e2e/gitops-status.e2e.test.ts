import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GitServer, gitCli, startGitServer } from './harness/git-server.js';
import { cli } from './harness/listener.js';
import { waitFor } from './harness/processes.js';
import { namespace, repoRoot, startWorld, type World } from './harness/world.js';

// The Git target with MLFLOW_KSERVE_GIT_STATUS_FROM_CLUSTER: the listener commits to git's own `git http-backend`
// and reads, with exactly the chart's read-only Role (list and watch InferenceServices, rendered by the real helm
// with config.gitStatusFromCluster), what the GitOps controller applied to the real API server. The test plays
// Argo CD (server-side apply of the committed file, and pruning it) and KServe's controller (the status subresource).
const user = 'deploy-bot';
const repo = 'deploy-status';
const folder = 'inference-services';
let git: GitServer;
let world: World;

const bare = () => git.bare(repo);
const head = () => gitCli(bare(), 'rev-parse', 'main').trim();
const isvcPath = (name: string) => `/apis/serving.kserve.io/v1beta1/namespaces/${namespace}/inferenceservices/${name}`;
const tagsOf = (model: string, version: string) => world.versionTags(model, version);
const until = (what: string, check: (tags: Record<string, string>) => boolean, model: string, version: string) =>
  waitFor(
    what,
    async () => {
      const tags = await tagsOf(model, version);
      return check(tags) ? tags : undefined;
    },
    { timeoutMs: 45_000 },
  );
/** Plays Argo CD: applies the committed file as it is on main (server-side apply, strict field validation). */
const argoSync = async (name: string) => {
  const yaml = gitCli(bare(), 'show', `main:${folder}/${namespace}/${name}.yaml`);
  const answer = await world.kube.request(
    'PATCH',
    `${isvcPath(name)}?fieldManager=argocd-controller&fieldValidation=Strict&force=true`,
    yaml,
    'application/apply-patch+yaml',
  );
  expect(answer.status, answer.text).toBeLessThan(300);
};
/** Plays KServe's controller: writes the InferenceService's status subresource. */
const setStatus = async (name: string, status: Record<string, unknown>) => {
  const answer = await world.kube.request('PATCH', `${isvcPath(name)}/status`, JSON.stringify({ status }), 'application/merge-patch+json');
  expect(answer.status, answer.text).toBe(200);
};
const ready = (url: string) => ({ url, conditions: [{ type: 'Ready', status: 'True' }] });

beforeAll(async () => {
  git = await startGitServer(user, 'status-token');
  git.repository(repo, { 'README.md': '# deployments\n' });
  const dir = mkdtempSync(join(tmpdir(), 'mlflow-kserve-e2e-git-status-'));
  writeFileSync(join(dir, 'token'), 'status-token\n');
  world = await startWorld({
    MLFLOW_KSERVE_KUBE_TARGET: `git:${git.url(repo)}`,
    MLFLOW_KSERVE_GIT_USERNAME: user,
    MLFLOW_KSERVE_GIT_TOKEN_FILE: join(dir, 'token'),
    MLFLOW_KSERVE_GIT_WORKDIR: join(dir, 'serve'),
    MLFLOW_KSERVE_GIT_STATUS_FROM_CLUSTER: 'true',
    MLFLOW_KSERVE_STATUS_RESYNC_SECONDS: '10',
  });
});

afterAll(async () => {
  await world?.stop();
  await git?.stop();
});

describe('Git target, status from the cluster (real Git server, real API server with the chart’s read-only Role)', () => {
  it('the identity → only list and watch on InferenceServices; `config check` → the repository may be pushed to and the cluster read', async () => {
    expect(world.identity.rbac.map((o) => [o['kind'], o['rules'] ?? o['roleRef']?.name])).toEqual([
      ['Role', [{ apiGroups: ['serving.kserve.io'], resources: ['inferenceservices'], verbs: ['list', 'watch'] }]],
      ['RoleBinding', 'mlflow-kserve-status'],
    ]);
    const check = await cli(repoRoot, world.listener.env, ['config', 'check']);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stderr).toMatch(/git: ok: .*credentials may push/);
    expect(check.stderr).toContain(`kubernetes ${namespace} (status): ok: listed InferenceServices the GitOps controller applied`);
    expect(check.stderr).toContain('list and watch are granted');
  });

  it('deploy=true → Committed with the commit; Argo CD applies the file and KServe reports Ready → Ready with the URL, the commit and file kept', async () => {
    await world.model('gs-fraud');
    const v = await world.version('gs-fraud');
    await world.setTag('gs-fraud', v, 'deploy', 'true');
    const committed = await until('Committed', (t) => t['kserve.status'] === 'Committed', 'gs-fraud', v);
    expect(committed['kserve.commit']).toBe(head());

    await argoSync('mlflow-gs-fraud-v1');
    const pending = await until('Pending from the cluster', (t) => t['kserve.status'] === 'Pending', 'gs-fraud', v);
    expect(pending['kserve.commit']).toBe(committed['kserve.commit']);
    await setStatus('mlflow-gs-fraud-v1', ready('http://gs-fraud.models.example.com'));
    const live = await until('Ready from the cluster', (t) => t['kserve.status'] === 'Ready', 'gs-fraud', v);
    expect(live).toMatchObject({
      'kserve.url': 'http://gs-fraud.models.example.com',
      'kserve.inference_service': `${namespace}/mlflow-gs-fraud-v1`,
      'kserve.commit': committed['kserve.commit'],
      'kserve.manifest': `${namespace}/mlflow-gs-fraud-v1.yaml`,
    });
    // The one-shot pass (CronJob, Lambda schedule) reads the same cluster: nothing left to write.
    const sync = await cli(repoRoot, world.listener.env, ['status', 'sync', '--output', 'json']);
    expect(sync.code, sync.stderr).toBe(0);
    expect(JSON.parse(sync.stdout)).toEqual({ services: 1, written: 0, failed: [] });
  });

  it('KServe reports a load failure → Failed with the reason, no URL', async () => {
    await setStatus('mlflow-gs-fraud-v1', {
      url: null,
      conditions: [{ type: 'Ready', status: 'False' }],
      modelStatus: { transitionStatus: 'BlockedByFailedLoad', lastFailureInfo: { reason: 'ModelLoadFailed', message: 'no MLmodel' } },
    });
    const failed = await until('Failed from the cluster', (t) => t['kserve.status'] === 'Failed', 'gs-fraud', '1');
    expect(failed['kserve.message']).toBe('ModelLoadFailed: no MLmodel');
    expect(failed).not.toHaveProperty('kserve.url');
  });

  it('deploy=false → the file removed and Removed; the service still live until Argo CD prunes it is not reported again; pruned → still Removed', async () => {
    await world.setTag('gs-fraud', '1', 'deploy', 'false');
    await until('Removed', (t) => t['kserve.status'] === 'Removed', 'gs-fraud', '1');
    expect(gitCli(bare(), 'ls-tree', '-r', '--name-only', 'main')).not.toContain('mlflow-gs-fraud-v1');
    await setStatus('mlflow-gs-fraud-v1', ready('http://still-live.example.com'));
    await new Promise((r) => setTimeout(r, 12_000)); // one status resync and more
    const after = await tagsOf('gs-fraud', '1');
    expect(after['kserve.status']).toBe('Removed');
    expect(after).not.toHaveProperty('kserve.url');
    expect(after).not.toHaveProperty('kserve.commit');
    expect((await world.kube.request('DELETE', isvcPath('mlflow-gs-fraud-v1'))).status).toBeLessThan(300);
    await world.absent('mlflow-gs-fraud-v1');
    expect((await tagsOf('gs-fraud', '1'))['kserve.status']).toBe('Removed');
  }, 60_000);
});
