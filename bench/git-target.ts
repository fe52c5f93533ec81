// The Git target against git's own `git http-backend` (the e2e tier's Git server, on this machine): the time one
// delivery's converge takes to commit and push, a reconcile of 1,000 models in one commit, and the first change after
// a restart with the local copy kept (a volume) or cloned again. MLflow is the in-memory registry: what is measured is
// the Git side.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { converge, createRuntime, versionKey } from '@mlflow-kserve/core';
import { reconcile } from '@mlflow-kserve/core/operations';
import { GitKube } from '@mlflow-kserve/core/git';
import { testDeps } from '@mlflow-kserve/core/testing';
import { gitCli, startGitServer } from '../e2e/harness/git-server.js';

/** What the Git target cost. */
export interface GitTargetResult {
  deliveries: number;
  p50Ms: number;
  p99Ms: number;
  /** The same, while a second writer pushes to the branch between deliveries (each delivery's first push is refused). */
  contendedP50Ms: number;
  contendedP99Ms: number;
  reconcileModels: number;
  reconcileMs: number;
  reconcileCommits: number;
  firstChangeKeptMs: number;
  firstChangeClonedMs: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

export async function gitTargetBench(deliveries: number, reconcileModels: number): Promise<GitTargetResult> {
  const server = await startGitServer('bench', 'bench-token');
  const work = mkdtempSync(join(tmpdir(), 'bench-git-'));
  try {
    server.repository('deploy', { 'README.md': '# deployments\n' });
    const kubeAt = (workdir: string) =>
      new GitKube({ url: server.url('deploy'), username: 'bench', token: 'bench-token', workdir: join(work, workdir), pushAttempts: 20 });
    const runtimeWith = (kube: GitKube) => {
      const deps = testDeps({ kube_target: `git:${server.url('deploy')}`, status_writeback: false, preflight: 'off' });
      return { deps, rt: createRuntime({ ...deps, kube }) };
    };

    // One delivery = one converge of a newly tagged version: fetch check, commit, push.
    const { deps, rt } = runtimeWith(kubeAt('a'));
    const timed = async (model: string, i: number): Promise<number> => {
      deps.mlflow.addVersion({ name: model, version: String(i), source: `s3://bench/${model}/${i}`, tags: { deploy: 'true' } });
      const start = performance.now();
      await converge(rt, versionKey(model, String(i)), { delivery: `bench-${model}-${i}` });
      return performance.now() - start;
    };
    await timed('warm-up', 1);
    const quiet: number[] = [];
    for (let i = 1; i <= deliveries; i += 1) quiet.push(await timed('bench-model', i));
    const person = server.clone('deploy');
    const contended: number[] = [];
    for (let i = 1; i <= Math.max(10, Math.floor(deliveries / 4)); i += 1) {
      gitCli(person, 'pull', '--quiet', 'origin', 'main');
      gitCli(person, 'commit', '--quiet', '--allow-empty', '-m', `other writer ${i}`);
      gitCli(person, 'push', '--quiet', 'origin', 'main');
      contended.push(await timed('bench-contended', i));
    }

    // A reconcile of `reconcileModels` wanted versions: one commit.
    const before = Number(gitCli(server.bare('deploy'), 'rev-list', '--count', 'main').trim());
    for (let m = 0; m < reconcileModels; m += 1) {
      deps.mlflow.addVersion({ name: `fleet-${m}`, version: '1', source: `s3://bench/fleet-${m}/1`, tags: { deploy: 'true' } });
    }
    const start = performance.now();
    const report = await reconcile(rt);
    const reconcileMs = performance.now() - start;
    if (report.failed > 0) throw new Error(`reconcile failed for ${report.failed} keys`);
    const reconcileCommits = Number(gitCli(server.bare('deploy'), 'rev-list', '--count', 'main').trim()) - before;

    // A restart: the first change of a new process, with the local copy kept, and cloned afresh.
    const firstChange = async (workdir: string, model: string): Promise<number> => {
      const fresh = runtimeWith(kubeAt(workdir));
      fresh.deps.mlflow.addVersion({ name: model, version: '1', source: `s3://bench/${model}/1`, tags: { deploy: 'true' } });
      const t = performance.now();
      await converge(fresh.rt, versionKey(model, '1'));
      return performance.now() - t;
    };
    const firstChangeKeptMs = await firstChange('a', 'after-restart-kept');
    const firstChangeClonedMs = await firstChange('new', 'after-restart-cloned');

    quiet.sort((a, b) => a - b);
    contended.sort((a, b) => a - b);
    return {
      deliveries,
      p50Ms: percentile(quiet, 50),
      p99Ms: percentile(quiet, 99),
      contendedP50Ms: percentile(contended, 50),
      contendedP99Ms: percentile(contended, 99),
      reconcileModels,
      reconcileMs,
      reconcileCommits,
      firstChangeKeptMs,
      firstChangeClonedMs,
    };
  } finally {
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
