import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const example = fileURLToPath(new URL('..', import.meta.url));
const root = join(example, '..', '..');
let mlflow: Server;
let mlflowUrl: string;

beforeAll(async () => {
  // A stand-in MLflow answering the calls the function makes for iris-classifier 3: the version (before and after
  // the write) and, for the preflight, its MLmodel (a model saved with mlflow.pyfunc).
  mlflow = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/model-versions/get-artifact' && url.searchParams.get('path') === 'MLmodel') {
      res.setHeader('content-type', 'text/plain');
      res.end('flavors:\n  python_function:\n    loader_module: mlflow.pyfunc.model\n    python_version: 3.11.9\nmlflow_version: 3.17.2\n');
      return;
    }
    res.setHeader('content-type', 'application/json');
    if (url.pathname.endsWith('/model-versions/get'))
      res.end(
        JSON.stringify({
          model_version: {
            name: 'iris-classifier',
            version: '3',
            source: 's3://models/iris/3',
            status: 'READY',
            tags: [{ key: 'deploy', value: 'true' }],
          },
        }),
      );
    else res.writeHead(404).end(JSON.stringify({ error_code: 'ENDPOINT_NOT_FOUND' }));
  });
  await new Promise<void>((resolve) => mlflow.listen(0, '127.0.0.1', resolve));
  mlflowUrl = `http://127.0.0.1:${(mlflow.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => mlflow.close(() => resolve())));

/** A module and every chunk it imports statically (`import … from "./x.mjs"`, not `import("./x.mjs")`). */
function staticImports(dir: string, file: string, seen: string[] = []): string[] {
  if (seen.includes(file)) return seen;
  seen.push(file);
  const code = readFileSync(join(dir, file), 'utf8');
  for (const match of code.matchAll(/import\s*(?:[^"'();]*?from\s*)?["']\.\/([^"']+\.mjs)["']/g)) staticImports(dir, match[1]!, seen);
  return seen;
}

describe('examples/lambda, built as its README says', () => {
  it('npm run build (root, then here) → dist/handler.mjs, its chunks, their licence notice and a function.zip holding them all; npm run invoke in a fresh node → deployed', async () => {
    await run(
      'npx',
      ['turbo', 'run', 'build', '--filter=@mlflow-kserve/lambda...', '--filter=@mlflow-kserve/cli', '--output-logs=errors-only'],
      {
        cwd: root,
        env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
      },
    );
    const built = await run('npm', ['run', 'build'], { cwd: example });
    expect(built.stdout).toMatch(
      /dist\/handler\.mjs, dist\/scheduled\.mjs and \d+ chunks: \d+ KiB; dist\/function\.zip \d+ KiB \(with THIRD-PARTY-LICENSES\.txt\)/,
    );
    const zip = readFileSync(join(example, 'dist', 'function.zip'));
    expect(zip.subarray(0, 4).readUInt32LE(0)).toBe(0x04034b50);
    const modules = readdirSync(join(example, 'dist')).filter((f) => f.endsWith('.mjs'));
    expect(modules).toContain('handler.mjs');
    expect(modules).toContain('scheduled.mjs');
    expect(modules.length).toBeGreaterThan(1); // the Kubernetes client is a chunk of its own
    // The end of central directory counts every module and the licence notice, and each is named in the archive.
    expect(zip.readUInt16LE(zip.length - 22 + 10)).toBe(modules.length + 1);
    for (const name of [...modules, 'THIRD-PARTY-LICENSES.txt']) expect(zip.includes(Buffer.from(name)), name).toBe(true);
    // The notice names the packages whose code the functions carry, with their licences.
    const notice = readFileSync(join(example, 'dist', 'THIRD-PARTY-LICENSES.txt'), 'utf8');
    for (const bundled of ['zod@', 'handlebars@', 'yaml@', '@kubernetes/client-node@'])
      expect(notice, bundled).toMatch(new RegExp(`^${bundled.replace(/[/.]/g, '\\$&')}[\\d.]+ \\(`, 'm'));
    // A cold start loads only what every delivery needs: Handlebars and YAML come with the first manifest,
    // client-node with the first Kubernetes call, each from a chunk that the handler imports on demand.
    const loadedAtImport = staticImports(join(example, 'dist'), 'handler.mjs');
    const code = loadedAtImport.map((f) => readFileSync(join(example, 'dist', f), 'utf8')).join('\n');
    for (const marker of ['Missing helper', 'YAMLParseError', 'loadFromFile']) expect(code, marker).not.toContain(marker);
    expect(modules.some((f) => readFileSync(join(example, 'dist', f), 'utf8').includes('Missing helper'))).toBe(true);
    // Reconcile, the status writer and the work queue (background work, and the scheduled function's) never
    // load with the webhook handler.
    for (const marker of ['This run would delete', 'the work queue is stopped', 'status written to MLflow'])
      expect(code, marker).not.toContain(marker);
    expect(modules.some((f) => readFileSync(join(example, 'dist', f), 'utf8').includes('This run would delete'))).toBe(true);

    const target = mkdtempSync(join(tmpdir(), 'example-lambda-'));
    const invoked = await run('npm', ['run', 'invoke', '--', 'iris-classifier', '3', 'deploy=true'], {
      cwd: example,
      env: {
        PATH: process.env['PATH'],
        HOME: process.env['HOME'],
        MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET: 'example-secret',
        MLFLOW_KSERVE_MLFLOW_TRACKING_URI: mlflowUrl,
        MLFLOW_KSERVE_KUBE_TARGET: `dir:${target}`,
        MLFLOW_KSERVE_LOG_LEVEL: 'ERROR',
      },
    });
    const result = JSON.parse(invoked.stdout.slice(invoked.stdout.indexOf('{')));
    expect(result.statusCode, result.body).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({ action: 'created', inference_service: 'mlflow-iris-classifier-v3' });
    expect(existsSync(join(target, 'kserve-mlflow-models', 'mlflow-iris-classifier-v3.yaml'))).toBe(true);
  }, 180_000);
});
