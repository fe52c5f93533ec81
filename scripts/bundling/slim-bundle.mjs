// An esbuild plugin for the one-file builds (the container image's `serve`, the Lambda example): leaves out
// what never runs on Node ≥ 20.19 but costs load time and memory in a bundle —
//   - zod's error messages in 40 languages (only English is used): `locales/index.js` becomes `en` alone;
//   - node-fetch 2's URL polyfill (whatwg-url with tr46's Unicode tables): node-fetch uses Node's own URL
//     whenever `require('url').URL` exists, which it always does here.
import { dirname, join, sep } from 'node:path';

/** @type {import('esbuild').Plugin} */
export const slimBundle = {
  name: 'mlflow-kserve-slim-bundle',
  setup(build) {
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
