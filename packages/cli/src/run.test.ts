import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InMemoryKube, InMemoryMlflow } from '@mlflow-kserve/core/testing';
import { signatureVectors } from '../../../test/fixtures.js';
import type { CliIo } from './cli-io.js';
import { devSecret } from './commands/serve.js';
import { run } from './run.js';

function memoryIo(extra: Partial<CliIo> = {}): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    env: {},
    out: () => out,
    err: () => err,
    ...extra,
  };
}

function world() {
  const kube = new InMemoryKube();
  const mlflow = new InMemoryMlflow();
  mlflow.addVersion({ name: 'iris-classifier', version: '3', source: 's3://b/iris/3', tags: { deploy: 'true' } });
  mlflow.addVersion({ name: 'iris-classifier', version: '4', source: 's3://b/iris/4', tags: { deploy: 'false' } });
  return { kube, mlflow };
}

describe('mlflow-kserve run', () => {
  it('--help → 0 and every command listed', async () => {
    const io = memoryIo();
    expect(await run(['--help'], io)).toBe(0);
    for (const command of ['serve', 'render', 'sign', 'send', 'reconcile', 'list', 'config']) expect(io.out()).toContain(command);
  });

  it('every command and subcommand in --help → shown in the package README', async () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const names: string[] = [];
    const io = memoryIo();
    await run(['--help'], io);
    for (const line of io.out().split('\n')) {
      const match = /^ {2}([a-z]+)\b/.exec(line);
      if (match && match[1] !== 'help') names.push(match[1]!);
    }
    for (const group of ['status', 'webhook', 'config', 'rollout']) {
      const groupIo = memoryIo();
      await run([group, '--help'], groupIo);
      for (const line of groupIo.out().split('\n')) {
        const match = /^ {2}([a-z]+)\b/.exec(line);
        if (match && match[1] !== 'help') names.push(`${group} ${match[1]}`);
      }
    }
    expect(names).toContain('webhook ensure');
    for (const name of names) expect(readme, name).toContain(`mlflow-kserve ${name}`);
  });

  it('no arguments → 2 with usage on stderr', async () => {
    const io = memoryIo();
    expect(await run([], io)).toBe(2);
    expect(io.err()).toContain('Usage');
  });

  it.each([['status'], ['webhook'], ['config'], ['rollout']])(
    '%s without its subcommand → 2 with its usage on stderr, like no arguments',
    async (group) => {
      const io = memoryIo();
      expect(await run([group], io)).toBe(2);
      expect(io.err()).toContain(`Usage: mlflow-kserve ${group}`);
    },
  );

  it('status nonsense → 2 (an unknown subcommand is no action)', async () => {
    expect(await run(['status', 'nonsense'], memoryIo())).toBe(2);
  });

  it.each([['-V'], ['-v'], ['--version']])('%s → 0 and the version', async (flag) => {
    const io = memoryIo();
    expect(await run([flag], io)).toBe(0);
    expect(io.out()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('unknown command → 2', async () => {
    expect(await run(['deploy-everything'], memoryIo())).toBe(2);
  });

  it('render without --version → 2 naming the option', async () => {
    const io = memoryIo();
    expect(await run(['render', '--model', 'x'], io)).toBe(2);
    expect(io.err()).toContain('--version');
  });

  it('render --model iris-classifier --version 3 --storage-uri s3://b/m → YAML InferenceService', async () => {
    const io = memoryIo();
    expect(await run(['render', '--model', 'iris-classifier', '--version', '3', '--storage-uri', 's3://b/m'], io)).toBe(0);
    expect(io.out()).toContain('name: mlflow-iris-classifier-v3');
    expect(io.out()).toContain('storageUri: s3://b/m');
  });

  it('render -o json --from-mlflow → JSON from the MLflow version', async () => {
    const io = memoryIo({ ports: world(), env: { MLFLOW_KSERVE_MLFLOW_TRACKING_URI: 'http://mlflow.test' } });
    expect(await run(['render', '--model', 'iris-classifier', '--version', '3', '--from-mlflow', '-o', 'json'], io)).toBe(0);
    expect(JSON.parse(io.out()).spec.predictor.model.storageUri).toBe('s3://b/iris/3/');
  });

  it('render --from-mlflow of a version without MLmodel → the manifest, "preflight: …" on stderr, exit 1', async () => {
    const ports = world();
    ports.mlflow.files.set('iris-classifier/3', {});
    const io = memoryIo({ ports, env: { MLFLOW_KSERVE_MLFLOW_TRACKING_URI: 'http://mlflow.test' } });
    expect(await run(['render', '--model', 'iris-classifier', '--version', '3', '--from-mlflow'], io)).toBe(1);
    expect(io.out()).toContain('kind: InferenceService');
    expect(io.err()).toContain('preflight: MLflow has no MLmodel file for this version');
  });

  it('render without --storage-uri or --from-mlflow → 2', async () => {
    expect(await run(['render', '--model', 'm', '--version', '1'], memoryIo())).toBe(2);
  });

  it('sign with a vector’s inputs → the vector’s signature', async () => {
    const v = signatureVectors().valid[0]!;
    const io = memoryIo();
    const args = [
      'sign',
      '--secret',
      v.secret,
      '--body',
      v.body,
      '--delivery-id',
      v.headers['x-mlflow-delivery-id']!,
      '--timestamp',
      v.headers['x-mlflow-timestamp']!,
    ];
    expect(await run(args, io)).toBe(0);
    expect(JSON.parse(io.out())['x-mlflow-signature']).toBe(v.headers['x-mlflow-signature']);
  });

  it('sign --body-file - → reads standard input', async () => {
    const io = memoryIo({ readStdin: async () => '{}' });
    expect(await run(['sign', '--secret', 's', '--body-file', '-'], io)).toBe(0);
    expect(JSON.parse(io.out())['x-mlflow-signature']).toMatch(/^v1,/);
  });

  it('send with neither --tag nor --delete-tag → 2', async () => {
    expect(await run(['send', '--url', 'http://127.0.0.1:1/webhook', '--model', 'm', '--version', '1', '--secret', 's'], memoryIo())).toBe(
      2,
    );
  });

  it('send to a closed port → 1 with a hint', async () => {
    const io = memoryIo();
    expect(
      await run(
        ['send', '--url', 'http://127.0.0.1:9/webhook', '--model', 'm', '--version', '1', '--secret', 's', '--tag', 'deploy=true'],
        io,
      ),
    ).toBe(1);
    expect(io.err()).toContain('Is the listener running? Start it with "mlflow-kserve serve"');
    expect(io.err()).not.toContain('npm start');
  });

  it('serve --dev, then send deploy=true → 0, manifest written to the directory; abort → serve exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'serve-'));
    const controller = new AbortController();
    let url = '';
    let serving: Promise<number> = Promise.resolve(-1);
    const serveIo = memoryIo({
      env: { MLFLOW_KSERVE_KUBE_TARGET: `dir:${dir}`, MLFLOW_KSERVE_LOG_LEVEL: 'ERROR' },
      signal: controller.signal,
    });
    await new Promise<void>((resolve) => {
      serveIo.onListening = (u) => {
        url = u;
        resolve();
      };
      serving = run(['serve', '--dev', '--port', '0'], serveIo);
    });
    expect(serveIo.err()).toContain(devSecret);
    const io = memoryIo();
    expect(
      await run(
        ['send', '--url', `${url}/webhook`, '--secret', devSecret, '--model', 'iris-classifier', '--version', '3', '--tag', 'deploy=true'],
        io,
      ),
    ).toBe(0);
    expect(io.out()).toContain('"action":"created"');
    expect(readFileSync(join(dir, 'kserve-mlflow-models', 'mlflow-iris-classifier-v3.yaml'), 'utf8')).toContain(
      'storageUri: s3://mlflow-artifacts/iris-classifier/3',
    );
    controller.abort();
    expect(await serving).toBe(0);
  });

  it('serve: SIGTERM while a request is in flight → the request completes, then exit 0', async () => {
    const { kube, mlflow } = world();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const originalGet = kube.get.bind(kube);
    kube.get = async (ns, name) => {
      await gate;
      return originalGet(ns, name);
    };
    const controller = new AbortController();
    let url = '';
    let serving: Promise<number> = Promise.resolve(-1);
    await new Promise<void>((resolve) => {
      serving = run(
        ['serve', '--port', '0', '--host', '127.0.0.1'],
        memoryIo({
          env: {
            MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET: 's',
            MLFLOW_KSERVE_MLFLOW_TRACKING_URI: 'http://mlflow.test',
            MLFLOW_KSERVE_LOG_LEVEL: 'ERROR',
          },
          ports: { kube, mlflow },
          signal: controller.signal,
          onListening: (u) => {
            url = u;
            resolve();
          },
        }),
      );
    });
    const io = memoryIo();
    const inFlight = run(
      ['send', '--url', `${url}/webhook`, '--secret', 's', '--model', 'iris-classifier', '--version', '3', '--tag', 'deploy=true'],
      io,
    );
    await new Promise((r) => setTimeout(r, 100));
    controller.abort();
    release();
    expect(await inFlight).toBe(0);
    expect(await serving).toBe(0);
    expect(kube.objects.size).toBe(1);
  });

  it('serve without a tracking URI and without --dev → 2 saying what to set', async () => {
    const io = memoryIo({ env: { MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET: 's' }, ports: { kube: new InMemoryKube(), mlflow: null } });
    expect(await run(['serve', '--port', '0'], io)).toBe(2);
    expect(io.err()).toContain('MLFLOW_KSERVE_MLFLOW_TRACKING_URI');
  });

  it('reconcile --dry-run → plan table, nothing written', async () => {
    const ports = world();
    const io = memoryIo({ ports, env: { MLFLOW_KSERVE_MLFLOW_TRACKING_URI: 'http://mlflow.test' } });
    expect(await run(['reconcile', '--dry-run'], io)).toBe(0);
    expect(io.out()).toMatch(/create\s+planned\s+mlflow-iris-classifier-v3/);
    expect(io.out()).toContain('dry run: 1 to create');
    expect(ports.kube.writes).toBe(0);
  });

  it('reconcile -o json → applied report; list -o json → the service', async () => {
    const ports = world();
    const env = { MLFLOW_KSERVE_MLFLOW_TRACKING_URI: 'http://mlflow.test' };
    const io = memoryIo({ ports, env });
    expect(await run(['reconcile', '-o', 'json'], io)).toBe(0);
    expect(JSON.parse(io.out()).counts.create).toBe(1);
    const listIo = memoryIo({ ports, env });
    expect(await run(['list', '-o', 'json'], listIo)).toBe(0);
    expect(JSON.parse(listIo.out()).services).toEqual([
      {
        name: 'mlflow-iris-classifier-v3',
        namespace: 'kserve-mlflow-models',
        model_name: 'iris-classifier',
        model_version: '3',
        status: 'Unknown',
      },
    ]);
  });

  it('reconcile without a tracking URI → 2', async () => {
    expect(await run(['reconcile'], memoryIo({ ports: { kube: new InMemoryKube(), mlflow: null } }))).toBe(2);
  });

  it('config check → redacted settings, unset ones marked, 0; invalid → 2 with every problem', async () => {
    const io = memoryIo({
      env: {
        MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET: 'topsecret',
        MLFLOW_KSERVE_MLFLOW_TRACKING_PASSWORD: 'pw',
        MLFLOW_KSERVE_MLFLOW_TRACKING_URI: 'http://mlflow.test',
        MLFLOW_KSERVE_KUBE_TARGET: 'dir:./out',
      },
    });
    expect(await run(['config', 'check', '--offline'], io)).toBe(0);
    expect(io.err()).toContain('not reaching MLflow or the target (--offline)');
    expect(io.out()).not.toContain('topsecret');
    expect(io.out()).not.toContain('"pw"');
    expect(JSON.parse(io.out())).toMatchObject({ mlflow_webhook_secret: '***', mlflow_tracking_token: '(unset)' });
    const bad = memoryIo({ env: { MLFLOW_KSERVE_APP_PORT: 'x', MLFLOW_KSERVE_KUBE_IN_CLUSTER: 'maybe' } });
    expect(await run(['config', 'check'], bad)).toBe(2);
    expect(bad.err()).toContain('MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET is required');
    expect(bad.err()).toContain('MLFLOW_KSERVE_APP_PORT must be a port number from 0 to 65535');
    expect(bad.err()).toContain('MLFLOW_KSERVE_KUBE_IN_CLUSTER must be true or false');
    expect(bad.err()).toContain('MLFLOW_KSERVE_MLFLOW_TRACKING_URI is required');
  });

  it('config check, MLflow and the directory reachable → 0, each with what it found', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'check-'));
    const io = memoryIo({
      ports: { mlflow: new InMemoryMlflow() },
      env: {
        MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET: 's',
        MLFLOW_KSERVE_MLFLOW_TRACKING_URI: 'http://mlflow.test',
        MLFLOW_KSERVE_KUBE_TARGET: `dir:${dir}`,
      },
    });
    expect(await run(['config', 'check'], io)).toBe(0);
    expect(io.err()).toContain('mlflow: ok: http://mlflow.test answered as MLflow');
    expect(io.err()).toContain('directory: ok: the directory of MLFLOW_KSERVE_KUBE_TARGET is writable');
  });

  it('config check, MLflow on a port where nothing listens → 1 naming MLflow and the setting; --offline → 0', async () => {
    const env = {
      MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET: 's',
      MLFLOW_KSERVE_MLFLOW_TRACKING_URI: 'http://127.0.0.1:9/mlflow',
      MLFLOW_KSERVE_KUBE_TARGET: `dir:${mkdtempSync(join(tmpdir(), 'check-'))}`,
      MLFLOW_KSERVE_HEALTH_TIMEOUT_MS: '500',
    };
    const io = memoryIo({ env });
    expect(await run(['config', 'check'], io)).toBe(1);
    expect(io.err()).toMatch(/mlflow: FAILED: .*MLFLOW_KSERVE_MLFLOW_TRACKING_URI/);
    expect(io.err()).toContain('not ready: mlflow failed as configured');
    expect(await run(['config', 'check', '--offline'], memoryIo({ env }))).toBe(0);
  });

  /** `config check` on a cluster target (a kubeconfig file, namespaces kserve-mlflow-models and team-a) with `kube` as its port. */
  const clusterCheckIo = (kube: InMemoryKube) => {
    const kubeconfig = join(mkdtempSync(join(tmpdir(), 'check-kube-')), 'config');
    writeFileSync(
      kubeconfig,
      'apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:6443"}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x\n',
    );
    return memoryIo({
      ports: { mlflow: new InMemoryMlflow(), kube },
      env: {
        MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET: 's',
        MLFLOW_KSERVE_MLFLOW_TRACKING_URI: 'http://mlflow.test',
        MLFLOW_KSERVE_KUBE_IN_CLUSTER: 'false',
        MLFLOW_KSERVE_ALLOWED_NAMESPACES: 'team-a',
        KUBECONFIG: kubeconfig,
      },
    });
  };

  it('config check, cluster target with two namespaces, one list refused → 1 naming that namespace; the other ok', async () => {
    const kube = new InMemoryKube();
    kube.failNext('list', 1);
    const io = clusterCheckIo(kube);
    expect(await run(['config', 'check'], io)).toBe(1);
    expect(io.err()).toMatch(/kubernetes (kserve-mlflow-models|team-a): FAILED: Kubernetes API list failed/);
    expect(io.err()).toMatch(/kubernetes (kserve-mlflow-models|team-a): ok: listed InferenceServices in/);
    expect(io.err()).toMatch(/not ready: kubernetes (kserve-mlflow-models|team-a) failed as configured/);
  });

  it('config check, cluster target whose identity lacks delete in one namespace → 1 naming the permission; the other namespace ok', async () => {
    const kube = Object.assign(new InMemoryKube(), {
      missingAccess: async (grants: { namespace: string }[]) =>
        grants.some((g) => g.namespace === 'team-a') ? ['delete inferenceservices.serving.kserve.io in team-a'] : [],
    });
    const io = clusterCheckIo(kube);
    expect(await run(['config', 'check'], io)).toBe(1);
    expect(io.err()).toMatch(
      /kubernetes team-a: FAILED: The listener's Kubernetes identity lacks delete inferenceservices\.serving\.kserve\.io in team-a/,
    );
    expect(io.err()).toMatch(
      /kubernetes kserve-mlflow-models: ok: listed InferenceServices in kserve-mlflow-models \(0 managed\); every permission the listener uses is granted/,
    );
  });

  it('config check with no tracking URI, in-cluster outside a pod, and a misspelled variable → 2, both problems at once, a did-you-mean', async () => {
    const io = memoryIo({ env: { MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET: 's', MLFLOW_KSERVE_KUBE_NAMESPCE: 'x' } });
    expect(await run(['config', 'check'], io)).toBe(2);
    expect(io.err()).toContain('MLFLOW_KSERVE_MLFLOW_TRACKING_URI is required');
    expect(io.err()).toContain('not running in a pod');
    expect(io.err()).toContain('MLFLOW_KSERVE_KUBE_NAMESPCE is not a setting and is ignored; did you mean MLFLOW_KSERVE_KUBE_NAMESPACE?');
  });

  it('config check and serve agree: what config check refuses, serve refuses with the same problems', async () => {
    const env = { MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET: 's', MLFLOW_KSERVE_KUBE_TARGET: 'dir:./out' };
    const check = memoryIo({ env });
    const start = memoryIo({ env });
    expect(await run(['config', 'check'], check)).toBe(2);
    expect(await run(['serve', '--port', '0'], start)).toBe(2);
    expect(start.err()).toContain(
      check
        .err()
        .split('\n')
        .find((l) => l.includes('TRACKING_URI'))!
        .replace(/^- /, ''),
    );
  });

  it('config check with a broken template → 2 naming the problem', async () => {
    const io = memoryIo({
      env: {
        MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET: 's',
        MLFLOW_KSERVE_MLFLOW_TRACKING_URI: 'http://mlflow.test',
        MLFLOW_KSERVE_KUBE_TARGET: 'dir:./out',
        MLFLOW_KSERVE_INFERENCE_SERVICE_TEMPLATE: 'apiVersion: v1\nkind: Pod\nmetadata: {}',
      },
    });
    expect(await run(['config', 'check'], io)).toBe(2);
    expect(io.err()).toContain('Invalid InferenceService template');
  });

  /** Runs serve until `use` finishes; returns serve's exit code and what it printed. */
  async function serving(args: string[], env: Record<string, string>, use: (url: string) => Promise<void>, ports?: CliIo['ports']) {
    const controller = new AbortController();
    const io = memoryIo({ env: { MLFLOW_KSERVE_LOG_LEVEL: 'ERROR', ...env }, signal: controller.signal, ...(ports ? { ports } : {}) });
    let code: Promise<number> = Promise.resolve(-1);
    const url = await new Promise<string>((resolve, reject) => {
      io.onListening = resolve;
      code = run(['serve', ...args], io);
      void code.then((c) => reject(new Error(`serve exited ${c}: ${io.err()}`)));
    });
    try {
      await use(url);
    } finally {
      controller.abort();
    }
    return { code: await code, io };
  }

  it('serve with an absolute dir: target → the startup log line names the setting, not the absolute path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'serve-log-'));
    const { io } = await serving(
      ['--dev', '--port', '0'],
      { MLFLOW_KSERVE_KUBE_TARGET: `dir:${dir}`, MLFLOW_KSERVE_LOG_LEVEL: 'INFO' },
      async () => {},
    );
    const listening = io
      .out()
      .split('\n')
      .find((line) => line.includes('"msg":"listening"'));
    expect(JSON.parse(listening!)).toMatchObject({ kube_target: 'dir:<MLFLOW_KSERVE_KUBE_TARGET>' });
    expect(io.out()).not.toContain(dir);
  });

  it('serve --dev --target dir:X → writes to X, not ./manifests (flags win over --dev defaults)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'serve-target-'));
    const { code } = await serving(['--dev', '--port', '0', '--target', `dir:${dir}`], {}, async (url) => {
      const io = memoryIo();
      await run(['send', '--url', `${url}/webhook`, '--secret', devSecret, '--model', 'm', '--version', '1', '--tag', 'deploy=true'], io);
      expect(io.out()).toContain('"action":"created"');
    });
    expect(code).toBe(0);
    expect(readFileSync(join(dir, 'kserve-mlflow-models', 'mlflow-m-v1.yaml'), 'utf8')).toContain('name: mlflow-m-v1');
  });

  it('serve --dev with credentials in the tracking URI → banner shows the URI masked', async () => {
    const { io } = await serving(
      ['--dev', '--port', '0'],
      {
        MLFLOW_KSERVE_MLFLOW_TRACKING_URI: 'http://alice:s3cr3t@127.0.0.1:9',
        MLFLOW_KSERVE_KUBE_TARGET: `dir:${mkdtempSync(join(tmpdir(), 'b-'))}`,
      },
      async () => undefined,
    );
    expect(io.err()).toContain('http://***:***@127.0.0.1:9');
    expect(io.err() + io.out()).not.toContain('s3cr3t');
  });

  it('serve --port abc → 2 blaming --port; a port in use → 1 saying choose another with --port', async () => {
    const bad = memoryIo({ env: { MLFLOW_KSERVE_KUBE_TARGET: 'dir:./x' } });
    expect(await run(['serve', '--dev', '--port', 'abc'], bad)).toBe(2);
    expect(bad.err()).toContain('--port must be a port number from 0 to 65535');
    await serving(['--dev', '--port', '0', '--target', `dir:${mkdtempSync(join(tmpdir(), 'p-'))}`], {}, async (url) => {
      const port = new URL(url).port;
      const second = memoryIo({ env: { MLFLOW_KSERVE_KUBE_TARGET: 'dir:./x' } });
      expect(await run(['serve', '--dev', '--port', port], second)).toBe(1);
      expect(second.err()).toContain(`port ${port} on 127.0.0.1 is in use; choose another with --port`);
    });
  });

  it('--version and -V → the package version, 0', async () => {
    for (const flag of ['--version', '-V']) {
      const io = memoryIo();
      expect(await run([flag], io)).toBe(0);
      expect(io.out()).toMatch(/^\d+\.\d+\.\d+/);
    }
  });

  it('sync iris-classifier 3 → created; again → unchanged; --dry-run on a changed version → would be deleted, nothing written', async () => {
    const ports = world();
    const env = { MLFLOW_KSERVE_MLFLOW_TRACKING_URI: 'http://mlflow.test' };
    const first = memoryIo({ ports, env });
    expect(await run(['sync', 'iris-classifier', '3'], first)).toBe(0);
    expect(first.out()).toBe('iris-classifier/3: kserve-mlflow-models/mlflow-iris-classifier-v3 created (serving version 3)\n');
    const again = memoryIo({ ports, env });
    await run(['sync', 'iris-classifier', '3'], again);
    expect(again.out()).toContain('unchanged');
    ports.mlflow.versions.get('iris-classifier/3')!.tags['deploy'] = 'false';
    const dry = memoryIo({ ports, env });
    const writes = ports.kube.writes;
    expect(await run(['sync', 'iris-classifier', '3', '--dry-run'], dry)).toBe(0);
    expect(dry.out()).toContain('would be deleted');
    expect(ports.kube.writes).toBe(writes);
  });

  it('sync --dry-run of a version no runtime would serve → exit 1 naming preflight_failed and the reason; nothing written', async () => {
    const ports = world();
    ports.kube.runtimes = [];
    const io = memoryIo({ ports, env: { MLFLOW_KSERVE_MLFLOW_TRACKING_URI: 'http://mlflow.test' } });
    expect(await run(['sync', 'iris-classifier', '3', '--dry-run'], io)).toBe(1);
    expect(io.err()).toMatch(/preflight_failed|cannot be served/);
    expect(io.err()).toContain('no ServingRuntime in kserve-mlflow-models and no ClusterServingRuntime supports model format "mlflow"');
    expect(ports.kube.writes).toBe(0);
  });

  it('sync iris-classifier @champion with the alias configured → the alias service; promote → all traffic to it', async () => {
    const ports = world();
    ports.mlflow.setAlias('iris-classifier', 'champion', '4');
    const env = {
      MLFLOW_KSERVE_MLFLOW_TRACKING_URI: 'http://mlflow.test',
      MLFLOW_KSERVE_DEPLOY_ALIASES: 'champion',
      MLFLOW_KSERVE_CANARY_TRAFFIC_PERCENT: '20',
    };
    const io = memoryIo({ ports, env });
    expect(await run(['sync', 'iris-classifier', '@champion', '-o', 'json'], io)).toBe(0);
    expect(JSON.parse(io.out())).toMatchObject({ action: 'created', name: 'mlflow-iris-classifier-champion', servedVersion: '4' });
    ports.mlflow.setAlias('iris-classifier', 'champion', '3');
    await run(['sync', 'iris-classifier', '@champion'], memoryIo({ ports, env }));
    const live = () => (ports.kube.objects.get('kserve-mlflow-models/mlflow-iris-classifier-champion')!.spec as any).predictor;
    expect(live().canaryTrafficPercent).toBe(20);
    const promoted = memoryIo({ ports, env });
    expect(await run(['promote', 'iris-classifier', 'champion'], promoted)).toBe(0);
    expect(promoted.out()).toContain('updated (serving version 3)');
    expect(live()).not.toHaveProperty('canaryTrafficPercent');
  });

  it.each([
    ['promote', 'ghost', 'champion', 'the alias (or its model) no longer exists in MLflow'],
    ['promote', 'iris-classifier', 'nonexistent', 'the alias (or its model) no longer exists in MLflow'],
    ['promote', 'iris-classifier', 'staging', 'alias staging is not in MLFLOW_KSERVE_DEPLOY_ALIASES'],
  ])('%s %s %s (not found) → 1 saying what was not found, nothing written', async (command, model, alias, reason) => {
    const ports = world();
    const env = { MLFLOW_KSERVE_MLFLOW_TRACKING_URI: 'http://mlflow.test', MLFLOW_KSERVE_DEPLOY_ALIASES: 'champion,nonexistent' };
    for (const argv of [
      [command, model, alias],
      ['rollout', 'promote', model, alias],
    ]) {
      const io = memoryIo({ ports, env });
      expect(await run(argv, io)).toBe(1);
      expect(io.err()).toContain(`${model}@${alias}: nothing to promote: ${reason}`);
    }
    expect(ports.kube.writes).toBe(0);
  });

  it('rollout status / rollback: mid-rollout → Progressing 10% from 3 to 4; rollback → all traffic back to 3, RolledBack; again → 1', async () => {
    const ports = world();
    ports.mlflow.setAlias('iris-classifier', 'champion', '3');
    const env = {
      MLFLOW_KSERVE_MLFLOW_TRACKING_URI: 'http://mlflow.test',
      MLFLOW_KSERVE_DEPLOY_ALIASES: 'champion',
      MLFLOW_KSERVE_CANARY_STEPS: '10,50',
    };
    await run(['sync', 'iris-classifier', '@champion'], memoryIo({ ports, env }));
    ports.mlflow.setAlias('iris-classifier', 'champion', '4');
    await run(['sync', 'iris-classifier', '@champion'], memoryIo({ ports, env }));
    const status = memoryIo({ ports, env });
    expect(await run(['rollout', 'status', 'iris-classifier', '@champion', '-o', 'json'], status)).toBe(0);
    expect(JSON.parse(status.out())).toMatchObject({ rollout: 'Progressing 10%', from: '3', to: '4', step: 1, canary_percent: 10 });
    const back = memoryIo({ ports, env });
    expect(await run(['rollout', 'rollback', 'iris-classifier', 'champion'], back)).toBe(0);
    expect(back.out()).toContain('updated (serving version 4)');
    const live = ports.kube.objects.get('kserve-mlflow-models/mlflow-iris-classifier-champion')!;
    expect((live.spec as any).predictor.model.storageUri).toBe('s3://b/iris/3/');
    const after = memoryIo({ ports, env });
    await run(['rollout', 'status', 'iris-classifier', 'champion'], after);
    expect(after.out()).toMatch(/rollout\s+RolledBack: rolled back by a person/);
    const again = memoryIo({ ports, env });
    expect(await run(['rollout', 'rollback', 'iris-classifier', 'champion'], again)).toBe(1);
    expect(again.err()).toContain('No rollout of iris-classifier@champion was in progress');
  });

  it('sync with neither a version nor an @alias → 2', async () => {
    const io = memoryIo({ ports: world(), env: { MLFLOW_KSERVE_MLFLOW_TRACKING_URI: 'http://mlflow.test' } });
    expect(await run(['sync', 'iris-classifier', 'champion'], io)).toBe(2);
    expect(io.err()).toContain('neither a version number');
  });

  it('render = what the listener applies: mlflow-artifacts:/ mapped, ownership annotations with a custom --template, needs no Kubernetes config', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tpl-'));
    const template = join(dir, 't.yaml');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      template,
      'apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: {{name}}\n  namespace: {{namespace}}\nspec:\n  predictor:\n    model:\n      modelFormat: {name: mlflow}\n      storageUri: "{{storage_uri}}"\n',
    );
    const io = memoryIo({ env: { MLFLOW_KSERVE_STORAGE_URI_BASE: 's3://bucket', MLFLOW_KSERVE_KUBE_IN_CLUSTER: 'true' } });
    expect(
      await run(
        [
          'render',
          '--model',
          'yes',
          '--version',
          '3',
          '--storage-uri',
          'mlflow-artifacts:/1/abc/artifacts',
          '--template',
          template,
          '-o',
          'json',
        ],
        io,
      ),
    ).toBe(0);
    const object = JSON.parse(io.out());
    expect(object.spec.predictor.model.storageUri).toBe('s3://bucket/1/abc/artifacts/');
    expect(object.metadata.labels['managed-by']).toBe('mlflow-kserve');
    expect(object.metadata.annotations).toMatchObject({ 'mlflow-kserve.io/model-name': 'yes', 'mlflow-kserve.io/model-version': '3' });
    const yamlIo = memoryIo({ env: { MLFLOW_KSERVE_STORAGE_URI_BASE: 's3://bucket' } });
    await run(['render', '--model', 'yes', '--version', '3', '--storage-uri', 's3://b/m'], yamlIo);
    expect(yamlIo.out()).toContain('mlflow-kserve.io/model-name: "yes"');
  });

  it('render with an unusable storage URI → 2 as the webhook would refuse it (422); a missing --template file → 2', async () => {
    const bad = memoryIo();
    expect(await run(['render', '--model', 'm', '--version', '1', '--storage-uri', 'ftp://x/y'], bad)).toBe(2);
    expect(bad.err()).toContain('ftp://x/y');
    const missing = memoryIo();
    expect(
      await run(['render', '--model', 'm', '--version', '1', '--storage-uri', 's3://b/m', '--template', '/nonexistent/t.yaml'], missing),
    ).toBe(2);
    expect(missing.err()).toContain('ENOENT');
  });

  it('sign --curl URL → a curl command with the three MLflow headers and the body', async () => {
    const io = memoryIo();
    expect(
      await run(
        [
          'sign',
          '--secret',
          's',
          '--body',
          '{"a": 1}',
          '--delivery-id',
          'd-1',
          '--timestamp',
          '1767225600',
          '--curl',
          'http://127.0.0.1:8000/webhook',
        ],
        io,
      ),
    ).toBe(0);
    expect(io.out()).toContain("curl -sS -X POST 'http://127.0.0.1:8000/webhook'");
    expect(io.out()).toContain("-H 'x-mlflow-delivery-id: d-1'");
    expect(io.out()).toContain("-H 'x-mlflow-timestamp: 1767225600'");
    expect(io.out()).toMatch(/-H 'x-mlflow-signature: v1,[A-Za-z0-9+/=]+'/);
    expect(io.out()).toContain(`--data-binary '{"a": 1}'`);
  });

  it('send --event model_version.created / alias events, --delivery-id and --timestamp → the body and headers MLflow would send', async () => {
    const seen: { headers: Headers; body: string }[] = [];
    const fetchImpl = (async (_url: string, init: RequestInit) => {
      seen.push({ headers: new Headers(init.headers), body: String(init.body) });
      return new Response('{}', { status: 200 });
    }) as typeof fetch;
    const base = ['send', '--url', 'http://127.0.0.1:1/webhook', '--secret', 's', '--model', 'm'];
    expect(
      await run(
        [
          ...base,
          '--version',
          '2',
          '--event',
          'model_version.created',
          '--tag',
          'deploy=true',
          '--delivery-id',
          'same',
          '--timestamp',
          '100',
        ],
        memoryIo({ fetch: fetchImpl }),
      ),
    ).toBe(0);
    expect(
      await run(
        [...base, '--version', '2', '--event', 'model_version_alias.created', '--alias', 'champion'],
        memoryIo({ fetch: fetchImpl }),
      ),
    ).toBe(0);
    expect(await run([...base, '--event', 'model_version_alias.deleted', '--alias', 'champion'], memoryIo({ fetch: fetchImpl }))).toBe(0);
    expect(seen[0]!.body).toMatch(
      /^\{"entity": "model_version", "action": "created", .*"data": \{"name": "m", "version": "2", "source": ".*", "run_id": null, "tags": \{"deploy": "true"\}, "description": null\}\}$/,
    );
    expect(seen[0]!.headers.get('x-mlflow-delivery-id')).toBe('same');
    expect(seen[0]!.headers.get('x-mlflow-timestamp')).toBe('100');
    expect(seen[1]!.body).toContain('"data": {"name": "m", "alias": "champion", "version": "2"}');
    expect(seen[2]!.body).toContain('"data": {"name": "m", "alias": "champion"}}');
  });

  it('send --url not-a-url → 2; --event model_version_alias.created without --alias → 2 naming it', async () => {
    const io = memoryIo();
    expect(await run(['send', '--url', 'nope', '--secret', 's', '--model', 'm', '--version', '1', '--tag', 'deploy=true'], io)).toBe(2);
    expect(io.err()).toContain('--url must be an http(s) URL');
    const alias = memoryIo();
    expect(
      await run(
        ['send', '--url', 'http://x/webhook', '--secret', 's', '--model', 'm', '--version', '1', '--event', 'model_version_alias.created'],
        alias,
      ),
    ).toBe(2);
    expect(alias.err()).toContain('needs --alias');
  });

  it('list --target dir: on a folder that does not exist → says so, empty list, 0', async () => {
    const io = memoryIo();
    expect(await run(['list', '--target', `dir:${join(tmpdir(), 'does-not-exist-mk')}`], io)).toBe(0);
    expect(io.err()).toContain('does not exist yet');
  });

  it('reconcile blocked by the mass-delete guard → 1 saying --allow-mass-delete; with it → 0', async () => {
    const ports = world();
    for (let v = 10; v < 20; v += 1)
      ports.mlflow.addVersion({ name: 'm', version: String(v), source: `s3://b/${v}`, tags: { deploy: 'true' } });
    const env = { MLFLOW_KSERVE_MLFLOW_TRACKING_URI: 'http://mlflow.test' };
    await run(['reconcile'], memoryIo({ ports, env }));
    for (let v = 10; v < 20; v += 1) ports.mlflow.versions.get(`m/${v}`)!.tags['deploy'] = 'false';
    const blocked = memoryIo({ ports, env });
    expect(await run(['reconcile'], blocked)).toBe(1);
    expect(blocked.err()).toContain('--allow-mass-delete');
    expect(ports.kube.objects.size).toBe(11);
    expect(await run(['reconcile', '--allow-mass-delete'], memoryIo({ ports, env }))).toBe(0);
    expect(ports.kube.objects.size).toBe(1);
  });

  it('config check with a template file using an unknown variable → 2 naming the variable and the file, never [object Object]', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tpl-'));
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      join(dir, 'bad.yaml'),
      'apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: {{name}}\n  namespace: {{namespace}}\nspec:\n  predictor: {model: {storageUri: "{{storage_url}}"}}\n',
    );
    const io = memoryIo({
      env: {
        MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET: 's',
        MLFLOW_KSERVE_MLFLOW_TRACKING_URI: 'http://mlflow.test',
        MLFLOW_KSERVE_KUBE_TARGET: 'dir:./out',
        MLFLOW_KSERVE_INFERENCE_SERVICE_TEMPLATE: join(dir, 'bad.yaml'),
      },
    });
    expect(await run(['config', 'check'], io)).toBe(2);
    expect(io.err()).toContain('unknown variable {{storage_url}} at line 7');
    expect(io.err()).toContain(`template file ${join(dir, 'bad.yaml')}`);
    expect(io.err()).not.toContain('[object Object]');
  });

  it('status sync → each managed service’s status written onto its MLflow version once; -o json reports it', async () => {
    const ports = world();
    const env = { MLFLOW_KSERVE_MLFLOW_TRACKING_URI: 'http://mlflow.test' };
    await run(['sync', 'iris-classifier', '3'], memoryIo({ ports, env }));
    ports.kube.setStatus('kserve-mlflow-models', 'mlflow-iris-classifier-v3', {
      url: 'http://iris.example.com',
      conditions: [{ type: 'Ready', status: 'True' }],
    });
    const io = memoryIo({ ports, env });
    expect(await run(['status', 'sync', '-o', 'json'], io)).toBe(0);
    expect(JSON.parse(io.out())).toMatchObject({ services: 1, failed: [] });
    expect(ports.mlflow.versions.get('iris-classifier/3')!.tags).toMatchObject({
      'kserve.status': 'Ready',
      'kserve.url': 'http://iris.example.com',
    });
    const again = memoryIo({ ports, env });
    await run(['status', 'sync'], again);
    expect(again.out()).toBe('1 services, 0 tags written, 0 failed\n');
  });
});
