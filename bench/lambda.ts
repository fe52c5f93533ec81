import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { nodeForMajor } from '../scripts/image/node-for-major.js';
import { median } from './child.js';
import { signPayload, tagEventBody } from '@mlflow-kserve/core';

export interface LambdaResult {
  /** The Node major it ran on (the example's Lambda runtime). */
  nodeMajor: number;
  /** All of the build's modules: handler.mjs and its chunks. */
  bundleBytes: number;
  /** dist/function.zip, what is uploaded. */
  zipBytes: number;
  importMs: number;
  firstInvocationMs: number;
  /** RSS of the process after the first invocation, in MB. */
  rssMb: number;
  processMs: number;
  bareNodeMs: number;
}

const out = fileURLToPath(new URL('./.out/', import.meta.url));

/** Bundles the handler with esbuild, then times import + first invocation in fresh processes. */
export async function lambdaBench(runs = 9): Promise<LambdaResult> {
  mkdirSync(out, { recursive: true });
  // The Lambda example's own build (examples/lambda/build.mjs): what a user uploads.
  const example = fileURLToPath(new URL('../examples/lambda/', import.meta.url));
  // Run on the Node major of the example's Lambda runtime (template.yaml: `Runtime: nodejs22.x`).
  const nodeMajor = Number(/Runtime:\s*nodejs(\d+)\.x/.exec(readFileSync(`${example}template.yaml`, 'utf8'))?.[1]);
  const node = nodeForMajor(nodeMajor);
  execFileSync(process.execPath, [`${example}build.mjs`], { cwd: example, stdio: 'ignore' });
  const bundle = `${example}dist/handler.mjs`;
  const modules = readdirSync(`${example}dist`).filter((f) => f.endsWith('.mjs'));
  writeFileSync(
    `${out}kubeconfig`,
    'apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}\nusers:\n- name: u\n  user: {token: bench}\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\ncurrent-context: x\n',
  );
  const body = tagEventBody('iris-classifier', '3', 'owner', 'bench');
  const deliveryId = randomUUID();
  const timestamp = Math.floor(Date.now() / 1000);
  const event = {
    version: '2.0',
    rawPath: '/webhook',
    isBase64Encoded: false,
    body,
    headers: {
      'content-type': 'application/json',
      'x-mlflow-delivery-id': deliveryId,
      'x-mlflow-timestamp': String(timestamp),
      'x-mlflow-signature': signPayload({ secret: 'bench', deliveryId, timestamp, rawBody: body }),
    },
    requestContext: { stage: '$default', http: { method: 'POST' } },
  };
  writeFileSync(
    `${out}run.mjs`,
    `const t0 = performance.now();
const m = await import(${JSON.stringify(bundle)});
const t1 = performance.now();
const r = await m.handler(${JSON.stringify(event)});
const t2 = performance.now();
if (r.statusCode !== 200) { console.error(r.body); process.exit(1); }
console.log(JSON.stringify({ importMs: t1 - t0, firstMs: t2 - t1, rssMb: process.memoryUsage().rss / 1048576 }));
`,
  );
  const env = {
    PATH: process.env['PATH'],
    MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET: 'bench',
    MLFLOW_KSERVE_MLFLOW_TRACKING_URI: 'http://127.0.0.1:9',
    MLFLOW_KSERVE_KUBE_IN_CLUSTER: 'false',
    MLFLOW_KSERVE_KUBE_CONFIG: `${out}kubeconfig`,
    MLFLOW_KSERVE_LOG_LEVEL: 'ERROR',
  };
  const imports: number[] = [];
  const firsts: number[] = [];
  const processes: number[] = [];
  const bare: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    let t = performance.now();
    const result = JSON.parse(execFileSync(node, [`${out}run.mjs`], { env, encoding: 'utf8' })) as {
      importMs: number;
      firstMs: number;
      rssMb: number;
    };
    rss.push(result.rssMb);
    processes.push(performance.now() - t);
    imports.push(result.importMs);
    firsts.push(result.firstMs);
    t = performance.now();
    execFileSync(node, ['-e', ''], { env });
    bare.push(performance.now() - t);
  }
  return {
    nodeMajor,
    bundleBytes: modules.reduce((sum, f) => sum + statSync(`${example}dist/${f}`).size, 0),
    zipBytes: statSync(`${example}dist/function.zip`).size,
    importMs: median(imports),
    firstInvocationMs: median(firsts),
    rssMb: median(rss),
    processMs: median(processes),
    bareNodeMs: median(bare),
  };
}
