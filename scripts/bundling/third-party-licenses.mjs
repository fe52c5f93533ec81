// The licence notice of bundled code: every npm package with code in an esbuild output, with its name, version,
// licence and licence text. Used by the core's build (which bundles @kubernetes/client-node's kubeconfig and watch
// modules into a chunk) and by the command's bundle (the container image's and the npm package's `mlflow-kserve`).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The package folders that contributed code to an esbuild metafile's outputs.
 *
 * @param {import('esbuild').Metafile} metafile
 * @param {string} baseDir the build's working directory (metafile inputs are relative to it)
 * @returns {string[]} absolute package folders, sorted
 */
export function bundledPackages(metafile, baseDir) {
  const packages = new Set();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, use] of Object.entries(output.inputs)) {
      if (use.bytesInOutput === 0) continue;
      // Inputs are paths relative to baseDir, or `namespace:/absolute/path` for a plugin's.
      const match = /^(?:[\w-]+:)?(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
      if (match) packages.add(resolve(baseDir, match[1]));
    }
  }
  return [...packages].sort();
}

/**
 * The text of a THIRD-PARTY-LICENSES.txt: a heading, then each package's `name@version (licence)` and licence file.
 *
 * @param {string} heading the first paragraph (what the packages were bundled into)
 * @param {string[]} packageDirs absolute package folders
 * @param {string[]} [included] further notices to append whole (a bundled library's own THIRD-PARTY-LICENSES.txt)
 * @returns {string}
 */
export function thirdPartyLicenses(heading, packageDirs, included = []) {
  const notices = packageDirs.map((dir) => {
    const { name, version, license } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    const text = file ? readFileSync(join(dir, file), 'utf8').trim() : `(no licence file; package.json says ${license})`;
    return `${name}@${version} (${license})\n\n${text}\n`;
  });
  const separator = `\n${'-'.repeat(72)}\n\n`;
  const appended = included.filter((path) => existsSync(path)).map((path) => readFileSync(path, 'utf8').trim());
  return `${heading}\n\n${[...notices, ...appended].join(separator)}\n`;
}
