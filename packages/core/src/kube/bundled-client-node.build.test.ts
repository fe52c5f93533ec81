import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The core's build bundles @kubernetes/client-node's kubeconfig and watch modules into the chunk the cluster target
// loads (packages/core/tsup.config.ts). This checks the built package: nothing imports the client-node package at
// run time, its licence notice ships, and its authentication still works from the bundle — an exec credential plugin
// here, the kind of code a hand-written client would get wrong.
const run = promisify(execFile);
const core = fileURLToPath(new URL('../../', import.meta.url));
const root = join(core, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'bundled-client-node-'));
let server: Server;
let url: string;
const seen: IncomingHttpHeaders[] = [];

beforeAll(async () => {
  await run('npx', ['turbo', 'run', 'build', '--filter=@mlflow-kserve/core', '--output-logs=errors-only'], {
    cwd: root,
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
  });
  server = createServer((req, res) => {
    seen.push(req.headers);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ kind: 'APIResourceList', groupVersion: 'serving.kserve.io/v1beta1', resources: [] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

describe('@mlflow-kserve/core as built', () => {
  it('dist → no module imports @kubernetes/client-node at run time; THIRD-PARTY-LICENSES.txt names it and its dependencies', () => {
    const dist = join(core, 'dist');
    for (const file of readdirSync(dist).filter((f) => f.endsWith('.js'))) {
      const code = readFileSync(join(dist, file), 'utf8');
      expect(code, file).not.toMatch(/(?:from|import\()\s*["']@kubernetes\/client-node/);
    }
    const notice = readFileSync(join(dist, 'THIRD-PARTY-LICENSES.txt'), 'utf8');
    expect(notice).toMatch(/^@kubernetes\/client-node@1\.4\.\d+ \(Apache-2\.0\)$/m);
    expect(notice).toMatch(/^openid-client@\S+ \(MIT\)$/m);
  });

  it('createKubeClient from dist with an exec credential plugin → the plugin’s token is sent', async () => {
    const plugin = join(dir, 'credential-plugin.mjs');
    writeFileSync(
      plugin,
      `#!${process.execPath}\nprocess.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: 'token-from-exec-plugin' } }));\n`,
    );
    chmodSync(plugin, 0o755);
    const kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(
      kubeconfig,
      [
        'apiVersion: v1',
        'kind: Config',
        `clusters: [{name: c, cluster: {server: "${url}", insecure-skip-tls-verify: true}}]`,
        `users: [{name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: "${plugin}", interactiveMode: Never}}}]`,
        'contexts: [{name: x, context: {cluster: c, user: u}}]',
        'current-context: x',
        '',
      ].join('\n'),
    );
    const script = join(dir, 'ping.mjs');
    writeFileSync(
      script,
      `const { createKubeClient } = await import(${JSON.stringify(join(core, 'dist', 'kube.js'))});
const kube = createKubeClient({ kube_in_cluster: false, kube_config: ${JSON.stringify(kubeconfig)} }, {});
await kube.ping();
console.log('pinged');
`,
    );
    const { stdout } = await run(process.execPath, [script], { env: { PATH: process.env['PATH'] } });
    expect(stdout.trim()).toBe('pinged');
    expect(seen.at(-1)?.authorization).toBe('Bearer token-from-exec-plugin');
  });
});
