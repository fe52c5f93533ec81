import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GitServer, gitCli, startGitServer } from './harness/git-server.js';
import { cli, type Listener, startExpressHost } from './harness/listener.js';
import { waitFor } from './harness/processes.js';
import { namespace, repoRoot, startWorld, type World } from './harness/world.js';

// The Git target against a real Git server: git's own `git http-backend` behind HTTP Basic auth (the harness's
// HTTP server runs it as CGI, as Apache or nginx would), real MLflow 3.17 delivering webhooks, the built
// listener (`serve`) and, as a second replica, the Express example hosting the middleware. The committed files
// are applied to the real API server the way Argo CD's server-side apply would.
const user = 'deploy-bot';
const repo = 'deploy';
const folder = 'inference-services';
let git: GitServer;
let world: World;
let tokenFile: string;
let second: Listener | undefined;

const bare = () => git.bare(repo);
const head = () => gitCli(bare(), 'rev-parse', 'main').trim();
const ourFiles = () => gitCli(bare(), 'ls-tree', '-r', '--name-only', 'main', `${folder}/${namespace}/`).split('\n').filter(Boolean).sort();
const fileOf = (name: string) => `${folder}/${namespace}/${name}.yaml`;
/** The last `n` commits on main: id, author, subject, whole message. */
const commits = (n = 1) =>
  gitCli(bare(), 'log', '-n', String(n), '--format=%H%x00%an%x00%s%x00%B%x1e', 'main')
    .split('\x1e')
    .map((c) => c.trim())
    .filter(Boolean)
    .map((c) => {
      const [id, author, subject, message] = c.split('\x00');
      return { id: id!, author: author!, subject: subject!, message: message! };
    });
const versionTags = (model: string, version: string) => world.versionTags(model, version);
const modelTags = (model: string) => world.modelTags(model);
/** The deliveries about `model` and what the listener answered them. */
const answersFor = (model: string) =>
  world.proxy
    .forModel(model)
    .filter((d) => d.status !== 0)
    .map((d) => ({ d, body: world.answered(d) }));
const deployed = (model: string, action: string) =>
  waitFor(
    `a delivery about ${model} answered ${action}`,
    async () => answersFor(model).find((a) => a.d.status === 200 && a.body['action'] === action),
    {
      timeoutMs: 45_000,
    },
  );

beforeAll(async () => {
  git = await startGitServer(user, 'first-token');
  // A repository as a platform team has it: Argo CD's own files outside the folder, a README inside it.
  git.repository(repo, {
    'README.md': '# deployments\n',
    'clusters/prod/kustomization.yaml': 'resources:\n  - ../../inference-services\n',
    [`${folder}/README.md`]: 'Written by mlflow-kserve.\n',
  });
  const dir = mkdtempSync(join(tmpdir(), 'mlflow-kserve-e2e-git-'));
  tokenFile = join(dir, 'token');
  writeFileSync(tokenFile, 'first-token\n');
  world = await startWorld({
    MLFLOW_KSERVE_KUBE_TARGET: `git:${git.url(repo)}`,
    MLFLOW_KSERVE_GIT_USERNAME: user,
    MLFLOW_KSERVE_GIT_TOKEN_FILE: tokenFile,
    MLFLOW_KSERVE_GIT_WORKDIR: join(dir, 'serve'),
    MLFLOW_KSERVE_GIT_TIMEOUT_MS: '3000',
    MLFLOW_KSERVE_DEPLOY_ALIASES: 'champion',
  });
});

afterAll(async () => {
  await second?.stop();
  await world?.stop();
  await git?.stop();
});

describe('Git target: commits to a real Git server (git http-backend), real MLflow', () => {
  it('deploy=true → one commit "deploy … v1 (deploy=true)" with trailers naming model, version and delivery, answered after the push; MLflow says Committed and the commit', async () => {
    await world.model('git-fraud');
    const v = await world.version('git-fraud');
    const before = head();
    await world.setTag('git-fraud', v, 'deploy', 'true');
    const { d } = await deployed('git-fraud', 'created');
    // Answered only after the push was accepted: the commit is on the server the moment the answer is.
    const [last] = commits();
    expect(last!.id).not.toBe(before);
    expect(last!.author).toBe('mlflow-kserve');
    expect(last!.subject).toBe('deploy git-fraud v1 (deploy=true)');
    expect(last!.message).toContain(`- deploy git-fraud v1: ${fileOf('mlflow-git-fraud-v1')}`);
    expect(last!.message).toContain('MLflow-Model: git-fraud\nMLflow-Version: 1\n');
    expect(last!.message).toContain(`MLflow-Delivery: ${String(d.headers['x-mlflow-delivery-id'])}`);
    // Exactly one file changed, in the folder; files outside it and the folder's README untouched.
    expect(gitCli(bare(), 'diff', '--name-only', `${last!.id}~1`, last!.id).trim()).toBe(fileOf('mlflow-git-fraud-v1'));
    expect(gitCli(bare(), 'show', `main:${folder}/README.md`)).toBe('Written by mlflow-kserve.\n');
    const yaml = gitCli(bare(), 'show', `main:${fileOf('mlflow-git-fraud-v1')}`);
    expect(yaml).toContain('kind: InferenceService');
    expect(yaml).toContain('storageUri: s3://e2e-bucket/git-fraud/artifacts/');
    await waitFor('Committed in MLflow', async () => (await versionTags('git-fraud', v))['kserve.status'] === 'Committed', {
      timeoutMs: 20_000,
    });
    expect(await versionTags('git-fraud', v)).toMatchObject({
      'kserve.commit': last!.id,
      'kserve.inference_service': `${namespace}/mlflow-git-fraud-v1`,
      'kserve.manifest': `${namespace}/mlflow-git-fraud-v1.yaml`,
    });
    // The same delivery again (MLflow's retry, or the status tags' echoes) → no new commit.
    const count = Number(gitCli(bare(), 'rev-list', '--count', 'main').trim());
    await world.setTag('git-fraud', v, 'note', 'unrelated');
    await new Promise((r) => setTimeout(r, 1500));
    expect(Number(gitCli(bare(), 'rev-list', '--count', 'main').trim())).toBe(count);
  });

  it('alias set → "deploy git-fraud@champion v1"; moved → "move git-fraud@champion 1 → 2"; the alias status on the model names the commit', async () => {
    const v2 = await world.version('git-fraud');
    await world.setAlias('git-fraud', 'champion', '1');
    await waitFor('the alias file', async () => ourFiles().includes(fileOf('mlflow-git-fraud-champion')) || undefined, {
      timeoutMs: 45_000,
    });
    expect(commits()[0]!.subject).toBe('deploy git-fraud@champion v1');
    await world.setAlias('git-fraud', 'champion', v2);
    await waitFor('the move commit', async () => commits()[0]!.subject === 'move git-fraud@champion 1 → 2' || undefined, {
      timeoutMs: 45_000,
    });
    expect(commits()[0]!.message).toContain('MLflow-Alias: champion\nMLflow-Version: 2\n');
    expect(gitCli(bare(), 'show', `main:${fileOf('mlflow-git-fraud-champion')}`)).toContain(
      'storageUri: s3://e2e-bucket/git-fraud/artifacts/',
    );
    await waitFor(
      'the alias status',
      async () => (await modelTags('git-fraud'))['kserve.champion.commit'] === commits()[0]!.id || undefined,
      { timeoutMs: 20_000 },
    );
    expect(await modelTags('git-fraud')).toMatchObject({ 'kserve.champion.status': 'Committed', 'kserve.champion.version': '2' });
  });

  it('deploy=false → "remove git-fraud v1 (…)" and the file gone; MLflow says Removed', async () => {
    await world.setTag('git-fraud', '1', 'deploy', 'false');
    await waitFor('the file gone', async () => !ourFiles().includes(fileOf('mlflow-git-fraud-v1')) || undefined, { timeoutMs: 45_000 });
    expect(commits()[0]!.subject).toBe('remove git-fraud v1 (the version’s deploy tag is not true in MLflow)');
    await waitFor('Removed in MLflow', async () => (await versionTags('git-fraud', '1'))['kserve.status'] === 'Removed', {
      timeoutMs: 20_000,
    });
    expect(await versionTags('git-fraud', '1')).not.toHaveProperty('kserve.commit');
  });

  it('two replicas (serve and the Express middleware) pushing at once, and a person committing to the same branch → every change lands, the folder equals MLflow, the person’s commits all kept', async () => {
    second = await startExpressHost(repoRoot, world.dir, {
      ...world.settings,
      MLFLOW_KSERVE_GIT_WORKDIR: join(world.dir, 'express-git'),
    });
    let turn = 0;
    world.proxy.route(() => (turn++ % 2 === 0 ? world.listener.url : second!.url));
    const person = git.clone(repo);
    let personCommits = 0;
    let pushing = true;
    const personLoop = (async () => {
      while (pushing) {
        gitCli(person, 'pull', '--quiet', '--rebase', 'origin', 'main');
        writeFileSync(join(person, 'clusters/prod/notes.txt'), `edit ${personCommits}\n`);
        gitCli(person, 'add', '-A');
        gitCli(person, 'commit', '--quiet', '-m', `person edit ${personCommits}`);
        try {
          gitCli(person, 'push', '--quiet', 'origin', 'main');
          personCommits += 1;
        } catch {
          gitCli(person, 'reset', '--quiet', '--hard', 'origin/main');
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    })();
    const models = Array.from({ length: 6 }, (_, i) => `git-many-${i}`);
    try {
      await Promise.all(models.map((m) => world.model(m)));
      await Promise.all(models.map((m) => world.version(m)));
      await Promise.all(models.map((m) => world.setTag(m, '1', 'deploy', 'true')));
      for (const m of models) await deployed(m, 'created');
    } finally {
      pushing = false;
      await personLoop;
      world.proxy.route(() => world.listener.url);
    }
    const wanted = [...models.map((m) => fileOf(`mlflow-${m}-v1`)), fileOf('mlflow-git-fraud-champion')].sort();
    expect(ourFiles()).toEqual(wanted);
    const subjects = commits(500).map((c) => c.subject);
    for (let i = 0; i < personCommits; i += 1) expect(subjects).toContain(`person edit ${i}`);
    expect(personCommits).toBeGreaterThan(0);
    for (const m of models) expect(subjects.filter((s) => s === `deploy ${m} v1 (deploy=true)`)).toHaveLength(1);
    // Every commit of the listeners touched only its folder.
    const touched = gitCli(bare(), 'log', '--author=mlflow-kserve', '--name-only', '--format=', 'main').split('\n').filter(Boolean);
    for (const path of touched) expect(path.startsWith(`${folder}/`)).toBe(true);
    // Both replicas pushed (each rebuilt on the other's commits when its push was refused).
    const listenerLog = gitCli(bare(), 'log', '--author=mlflow-kserve', '--format=%s', 'main');
    expect(listenerLog).toContain('deploy git-many-');
  });

  it('the committed files applied to the real API server (server-side apply, strict field validation, as Argo CD) → every one accepted', async () => {
    const names = ourFiles();
    expect(names.length).toBeGreaterThan(0);
    for (const path of names) {
      const yaml = gitCli(bare(), 'show', `main:${path}`);
      const name = path
        .split('/')
        .pop()!
        .replace(/\.yaml$/, '');
      const answer = await world.kube.request(
        'PATCH',
        `/apis/serving.kserve.io/v1beta1/namespaces/${namespace}/inferenceservices/${name}?fieldManager=argocd-controller&fieldValidation=Strict&force=true`,
        yaml,
        'application/apply-patch+yaml',
      );
      expect(answer.status, answer.text).toBeLessThan(300);
    }
  });

  it('a rotated token: the server refuses the old one → 502 naming MLFLOW_KSERVE_GIT_TOKEN, nothing committed; the Secret file updated → the next delivery commits', async () => {
    git.setToken('second-token');
    await world.model('git-rotate');
    await world.version('git-rotate');
    const before = head();
    await world.setTag('git-rotate', '1', 'deploy', 'true');
    const refused = await waitFor('a refused delivery', async () => answersFor('git-rotate').find((a) => a.d.status >= 500), {
      timeoutMs: 30_000,
    });
    expect(refused.d.status).toBe(502);
    expect(JSON.stringify(refused.body)).toMatch(/refused the credentials \(HTTP 401\).*MLFLOW_KSERVE_GIT_TOKEN/);
    expect(JSON.stringify(refused.body)).not.toContain('second-token');
    expect(head()).toBe(before);
    writeFileSync(tokenFile, 'second-token\n');
    await world.setTag('git-rotate', '1', 'deploy', 'True');
    await deployed('git-rotate', 'created');
    expect(ourFiles()).toContain(fileOf('mlflow-git-rotate-v1'));
  });

  it('a protected branch (the server’s hook refuses) → 502 naming MLFLOW_KSERVE_GIT_BRANCH, nothing committed, the local copy still usable afterwards', async () => {
    const hook = join(bare(), 'hooks', 'pre-receive');
    git.protect(repo, 'main');
    await world.model('git-protected');
    await world.version('git-protected');
    const before = head();
    await world.setTag('git-protected', '1', 'deploy', 'true');
    const refused = await waitFor('a refused delivery', async () => answersFor('git-protected').find((a) => a.d.status >= 500), {
      timeoutMs: 30_000,
    });
    expect(refused.d.status).toBe(502);
    expect(JSON.stringify(refused.body)).toMatch(/refused the push to branch main.*protected branch.*MLFLOW_KSERVE_GIT_BRANCH/);
    expect(head()).toBe(before);
    rmSync(hook);
    await world.setTag('git-protected', '1', 'deploy', 'True');
    await deployed('git-protected', 'created');
    expect(ourFiles()).toContain(fileOf('mlflow-git-protected-v1'));
  });

  it('the server unreachable (it stops answering) → 502 within MLFLOW_KSERVE_GIT_TIMEOUT_MS naming the setting, nothing committed; answering again → the next delivery commits', async () => {
    await world.model('git-stalled');
    await world.version('git-stalled');
    const before = head();
    git.stall(true);
    try {
      await world.setTag('git-stalled', '1', 'deploy', 'true');
      const failed = await waitFor('a failed delivery', async () => answersFor('git-stalled').find((a) => a.d.status >= 500), {
        timeoutMs: 30_000,
      });
      expect(failed.d.status).toBe(502);
      expect(JSON.stringify(failed.body)).toMatch(/could not be reached or did not answer in time.*MLFLOW_KSERVE_GIT_TIMEOUT_MS/);
    } finally {
      git.stall(false);
    }
    expect(head()).toBe(before);
    await world.setTag('git-stalled', '1', 'deploy', 'True');
    await deployed('git-stalled', 'created');
  });

  it('the branch force-pushed by a person to a history without the listener’s files → the next delivery builds on the new tip (never a force-push back), the listener sees the rewrite and its reconcile restores every file MLflow wants in one commit', async () => {
    const rewriteWarning = /the branch main \(MLFLOW_KSERVE_GIT_BRANCH\) of http:\/\/127\.0\.0\.1:\d+\/deploy\.git was rewritten/;
    // The fast-forwards so far (the person's commits and the other replica's among them) were never taken for one.
    expect(readFileSync(join(world.dir, 'listener.log'), 'utf8')).not.toMatch(rewriteWarning);
    const person = git.clone(repo);
    const seed = gitCli(person, 'rev-list', '--max-parents=0', 'HEAD').trim();
    gitCli(person, 'reset', '--quiet', '--hard', seed);
    writeFileSync(join(person, 'REWRITTEN'), 'history rewritten\n');
    gitCli(person, 'add', '-A');
    gitCli(person, 'commit', '--quiet', '-m', 'rewrite');
    gitCli(person, 'push', '--quiet', '--force', 'origin', 'HEAD:main');
    const rewritten = head();
    await world.model('git-after-rewrite');
    await world.version('git-after-rewrite');
    await world.setTag('git-after-rewrite', '1', 'deploy', 'true');
    await deployed('git-after-rewrite', 'created');
    const wanted = [
      'mlflow-git-fraud-champion',
      ...Array.from({ length: 6 }, (_, i) => `mlflow-git-many-${i}-v1`),
      'mlflow-git-rotate-v1',
      'mlflow-git-protected-v1',
      'mlflow-git-stalled-v1',
      'mlflow-git-after-rewrite-v1',
    ]
      .map(fileOf)
      .sort();
    // No reconcile is scheduled in this world (MLFLOW_KSERVE_RECONCILE_INTERVAL_SECONDS=0): the one that restores the
    // files is the listener's answer to the rewrite it found.
    await waitFor('the files restored by the listener', async () => JSON.stringify(ourFiles()) === JSON.stringify(wanted) || undefined, {
      timeoutMs: 45_000,
    });
    // Built on the rewritten tip; a late retry of an earlier delivery by MLflow may restore its own key's file first.
    gitCli(bare(), 'merge-base', '--is-ancestor', rewritten, 'main');
    const since = gitCli(bare(), 'log', '--format=%s', `${rewritten}..main`).trim().split('\n');
    expect(since).toContain('deploy git-after-rewrite v1 (deploy=true)');
    expect(since.filter((subject) => /^reconcile: \d+ deployed$/.test(subject))).toHaveLength(1);
    expect(gitCli(bare(), 'show', 'main:REWRITTEN')).toBe('history rewritten\n');
    expect(readFileSync(join(world.dir, 'listener.log'), 'utf8').match(new RegExp(rewriteWarning, 'g'))).toHaveLength(1);
    // `mlflow-kserve reconcile` afterwards: nothing to change, no commit.
    const count = gitCli(bare(), 'rev-list', '--count', 'main').trim();
    const again = await cli(repoRoot, world.listener.env, ['reconcile']);
    expect(again.code, again.stderr).toBe(0);
    expect(gitCli(bare(), 'rev-list', '--count', 'main').trim()).toBe(count);
  });

  it('`config check` → says the repository answered and the credentials may push; a wrong token → exit 1 naming MLFLOW_KSERVE_GIT_TOKEN, without the token', async () => {
    const ok = await cli(repoRoot, world.listener.env, ['config', 'check']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toMatch(
      /git: ok: http:\/\/127\.0\.0\.1:\d+\/deploy\.git answered, and these credentials may push to it \(branch main, folder inference-services\)/,
    );
    const { MLFLOW_KSERVE_GIT_TOKEN_FILE: _file, ...withoutFile } = world.listener.env;
    const wrong = await cli(repoRoot, { ...withoutFile, MLFLOW_KSERVE_GIT_TOKEN: 'wrong-token' }, ['config', 'check']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/git: FAILED: .*HTTP 401.*MLFLOW_KSERVE_GIT_TOKEN/);
    expect(wrong.stdout + wrong.stderr).not.toContain('wrong-token');
  });
});
