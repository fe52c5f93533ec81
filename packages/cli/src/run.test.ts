import { mkdtempSync, readFileSync } from 'node:fs';
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

  it('no arguments → 2 with usage', async () => {
    const io = memoryIo();
    expect(await run([], io)).toBe(2);
    expect(io.out()).toContain('Usage');
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
    expect(JSON.parse(io.out()).spec.predictor.model.storageUri).toBe('s3://b/iris/3');
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
    expect(io.err()).toContain('Is the listener running');
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

  it('config check → redacted settings, 0; invalid → 2 with every problem', async () => {
    const io = memoryIo({ env: { MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET: 'topsecret', MLFLOW_KSERVE_MLFLOW_TRACKING_PASSWORD: 'pw' } });
    expect(await run(['config', 'check'], io)).toBe(0);
    expect(io.out()).not.toContain('topsecret');
    expect(io.out()).not.toContain('"pw"');
    expect(JSON.parse(io.out()).mlflow_webhook_secret).toBe('***');
    const bad = memoryIo({ env: { MLFLOW_KSERVE_APP_PORT: 'x' } });
    expect(await run(['config', 'check'], bad)).toBe(2);
    expect(bad.err()).toContain('MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET is required');
    expect(bad.err()).toContain('MLFLOW_KSERVE_APP_PORT');
  });

  it('config check with a broken template → 1 naming the problem', async () => {
    const io = memoryIo({
      env: {
        MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET: 's',
        MLFLOW_KSERVE_INFERENCE_SERVICE_TEMPLATE: 'apiVersion: v1\nkind: Pod\nmetadata: {}',
      },
    });
    expect(await run(['config', 'check'], io)).toBe(1);
    expect(io.err()).toContain('Invalid InferenceService template');
  });
});
