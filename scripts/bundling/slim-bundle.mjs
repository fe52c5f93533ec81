// An esbuild plugin and the shared options for the bundled builds (the container image's `serve`, the Lambda example): leaves out
// what never runs on Node ≥ 20.19 but costs load time and memory in a bundle —
//   - zod's error messages in 40 languages (only English is used): `locales/index.js` becomes `en` alone;
//   - node-fetch 2's URL polyfill (whatwg-url with tr46's Unicode tables): node-fetch uses Node's own URL
//     whenever `require('url').URL` exists, which it always does here;
//   - what `@kubernetes/client-node` defines but the listener never uses (its generated API classes and ~700
//     model classes, exec/attach/cp and their websocket and tar packages): its modules only define classes and
//     functions, so they are marked free of side effects and the bundle keeps what KubeConfig and Watch use;
//   - the ESM namespace of `node:http` and `node:https`: on Node 22 and later, an ESM import of either reads every
//     export, and `http.WebSocket` (with `CloseEvent` and `MessageEvent`) is a getter that loads undici — ≈ 40 ms
//     and several MB at startup for a module the listener never uses. Imports of both are served from
//     `process.getBuiltinModule` (the CommonJS object, whose getters run only when read);
//   - loading `socks-proxy-agent` (with `socks` and `ip-address`, ≈ 10 ms of a cold start) before a kubeconfig
//     asks for a SOCKS proxy: client-node imports it at the top of its config module, so the bundle gets a
//     stand-in whose constructor loads the real agent.
import { dirname, join, sep } from 'node:path';

const clientNode = Symbol('client-node');
const inClientNode = (path) => path.includes(`${sep}@kubernetes${sep}client-node${sep}`);

/** @type {import('esbuild').Plugin} */
export const slimBundle = {
  name: 'mlflow-kserve-slim-bundle',
  setup(build) {
    build.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData === clientNode) return undefined;
      // client-node's own modules import each other by relative paths with their extension (ESM): joining
      // them here avoids a round trip to esbuild's resolver per import (which made the build take seconds).
      if (args.path.startsWith('.') && inClientNode(args.importer)) return { path: join(args.resolveDir, args.path), sideEffects: false };
      if (!args.path.startsWith('@kubernetes/client-node')) return undefined;
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: clientNode,
      });
      if (resolved.errors.length > 0 || !inClientNode(resolved.path)) return undefined;
      return { path: resolved.path, sideEffects: false };
    });
    build.onResolve({ filter: /^(node:)?https?$/ }, (args) => ({
      path: args.path.replace(/^(node:)?/, 'node:'),
      namespace: 'slim-builtin',
    }));
    build.onLoad({ filter: /.*/, namespace: 'slim-builtin' }, (args) => ({
      contents: `module.exports = process.getBuiltinModule(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
    build.onResolve({ filter: /^socks-proxy-agent$/ }, (args) =>
      inClientNode(args.importer) ? { path: 'socks-proxy-agent', namespace: 'slim-lazy-socks', pluginData: args.resolveDir } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'slim-lazy-socks' }, (args) => ({
      contents:
        'export class SocksProxyAgent { constructor(...args) { const { SocksProxyAgent: Agent } = require("socks-proxy-agent"); return new Agent(...args); } }',
      loader: 'js',
      resolveDir: args.pluginData,
    }));
    build.onResolve({ filter: /^whatwg-url$/ }, () => ({ path: 'whatwg-url', namespace: 'slim-url' }));
    build.onLoad({ filter: /.*/, namespace: 'slim-url' }, () => ({
      contents: 'export const URL = globalThis.URL; export default { URL: globalThis.URL };',
      loader: 'js',
    }));
    build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${sep}zod${sep}`) ? { path: join(args.resolveDir, args.path), namespace: 'slim-locales' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'slim-locales' }, (args) => ({
      contents: 'export { default as en } from "./en.js";',
      loader: 'js',
      resolveDir: dirname(args.path),
    }));
  },
};

/**
 * The esbuild options both builds share (the image's `packages/cli/scripts/bundle.mjs` and the Lambda example's
 * `build.mjs`): ESM for Node ≥ 20, minified, with this plugin, split into an entry and chunks — splitting is what
 * lets esbuild tree-shake code reached through a dynamic import() (inside one file it wraps such code and keeps all
 * of it), and the Kubernetes client becomes a chunk loaded when first needed. Add `entryPoints` and `outdir`.
 *
 * @type {import('esbuild').BuildOptions}
 */
export const nodeBundle = {
  bundle: true,
  splitting: true,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunk-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  plugins: [slimBundle],
  // tsup's chunk imports in @mlflow-kserve/core are bare and side-effect free: nothing is lost.
  logOverride: { 'ignored-bare-import': 'silent' },
  // Some dependencies (yaml, @kubernetes/client-node) call require() for Node built-ins; an ESM bundle
  // has no require of its own, so give it Node's.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
};
