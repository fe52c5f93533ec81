// A Node binary of a given major version (the container image's), installed once from the package registry's
// `node` package into the CI cache, as .ci/run does for Node 24.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const versionOf = (node: string): string | undefined => {
  try {
    return execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
};

/**
 * The path of a `node` of major version `major`: this process's own when it matches, else one installed (once)
 * under `$MLFLOW_KSERVE_CI_CACHE` (default `~/.cache/mlflow-kserve-ci`)`/node<major>`.
 *
 * @throws Error when it cannot be installed (no registry).
 * @example
 * ```ts
 * const node22 = nodeForMajor(22); // '/root/.cache/mlflow-kserve-ci/node22/bin/node'
 * ```
 */
export function nodeForMajor(major: number): string {
  if (process.versions.node.split('.')[0] === String(major)) return process.execPath;
  const prefix = join(process.env['MLFLOW_KSERVE_CI_CACHE'] ?? join(homedir(), '.cache', 'mlflow-kserve-ci'), `node${major}`);
  const node = join(prefix, 'bin', 'node');
  if (versionOf(node)?.startsWith(`v${major}.`)) return node;
  if (existsSync(prefix)) rmSync(prefix, { recursive: true, force: true });
  execFileSync('npm', ['i', '-g', '--prefix', prefix, '--no-audit', '--no-fund', `node@${major}`], { stdio: 'ignore' });
  if (!versionOf(node)?.startsWith(`v${major}.`)) throw new Error(`Could not install Node ${major} into ${prefix}.`);
  return node;
}
