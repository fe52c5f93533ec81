import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script without type declarations
import { nodeBundle } from './slim-bundle.mjs';

const modules = fileURLToPath(new URL('../../node_modules', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'slim-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Bundles `source` with the shared options into dir/<name>/ and runs it with this Node; returns its stdout. */
async function bundleAndRun(name: string, source: string): Promise<{ stdout: string; code: string }> {
  const entry = join(dir, `${name}.ts`);
  writeFileSync(entry, source);
  const outdir = join(dir, name);
  // The entry lives in a temporary folder: packages resolve from this repository's node_modules.
  await build({ ...nodeBundle, minify: false, entryPoints: { main: entry }, outdir, logLevel: 'error', nodePaths: [modules] });
  const code = readdirSync(outdir)
    .map((f) => readFileSync(join(outdir, f), 'utf8'))
    .join('\n');
  return { stdout: execFileSync(process.execPath, [join(outdir, 'main.mjs')], { encoding: 'utf8' }), code };
}

describe('nodeBundle (the image’s and the Lambda example’s esbuild options)', () => {
  it('imports of node:http and node:https → served by process.getBuiltinModule, undici not loaded', async () => {
    const { stdout, code } = await bundleAndRun(
      'http',
      `import http from 'node:http';
import { request } from 'node:https';
import { STATUS_CODES } from 'http';
console.log(JSON.stringify({
  createServer: typeof http.createServer,
  request: typeof request,
  notFound: STATUS_CODES[404],
  undici: process.moduleLoadList.some((m) => m.includes('undici')),
}));
`,
    );
    expect(JSON.parse(stdout)).toEqual({ createServer: 'function', request: 'function', notFound: 'Not Found', undici: false });
    expect(code).toContain('process.getBuiltinModule("node:http")');
    expect(code).toContain('process.getBuiltinModule("node:https")');
    expect(code).not.toMatch(/from\s+["'](node:)?https?["']/);
  });

  it('client-node with a socks5 proxy-url → socks-proxy-agent’s agent, its module run from the stand-in only', async () => {
    const { stdout, code } = await bundleAndRun(
      'socks',
      `import { KubeConfig } from '@kubernetes/client-node';
const kc = new KubeConfig();
kc.loadFromOptions({
  clusters: [{ name: 'c', server: 'https://127.0.0.1:6443', skipTLSVerify: true, proxyUrl: 'socks5://127.0.0.1:1080' }],
  users: [{ name: 'u', token: 't' }],
  contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
  currentContext: 'x',
});
const options = {};
await kc.applyToHTTPSOptions(options);
const agent = options.agent;
console.log(JSON.stringify({ socks: agent?.constructor?.protocols?.includes('socks5'), proxy: agent?.proxy?.host, port: agent?.proxy?.port }));
`,
    );
    expect(JSON.parse(stdout)).toEqual({ socks: true, proxy: '127.0.0.1', port: 1080 });
    // The stand-in's constructor is the only caller of the module's lazy wrapper: nothing runs it at load.
    const standIn = /constructor\(\.\.\.args\) \{\s*const \{ SocksProxyAgent: Agent \} = (require_\w+)\(\);/.exec(code);
    expect(standIn).not.toBeNull();
    expect(code.split(`${standIn![1]}()`)).toHaveLength(2);
  });
});
