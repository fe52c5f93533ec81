import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Each package name this repository publishes → its source file (checked against `exports` by a test). */
export const sourceOf: Record<string, string> = {
  '@mlflow-kserve/core': 'packages/core/src/index.ts',
  '@mlflow-kserve/core/assemble': 'packages/core/src/assemble.ts',
  '@mlflow-kserve/core/operations': 'packages/core/src/operations.ts',
  '@mlflow-kserve/core/mlflow': 'packages/core/src/mlflow.ts',
  '@mlflow-kserve/core/kube': 'packages/core/src/kube.ts',
  '@mlflow-kserve/core/directory': 'packages/core/src/directory.ts',
  '@mlflow-kserve/core/git': 'packages/core/src/git.ts',
  '@mlflow-kserve/core/prometheus': 'packages/core/src/prometheus.ts',
  '@mlflow-kserve/core/testing': 'packages/core/src/testing.ts',
};

/**
 * Every external package a source file reaches through imports (type-only imports excluded), following
 * this repository's own packages into their sources. `dynamic: false` ignores `import()`, i.e. what is
 * loaded at startup.
 *
 * @example
 * ```ts
 * reachablePackages('packages/core/src/index.ts', { dynamic: false });
 * ```
 */
export function reachablePackages(entry: string, { dynamic = true }: { dynamic?: boolean } = {}): Set<string> {
  const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    const pattern = /(?:^|\n)\s*(?:import|export)\s(?!type\b)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
    for (const match of source.matchAll(pattern)) {
      if (match[2] && !dynamic) continue;
      const specifier = (match[1] ?? match[2])!;
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
      else if (sourceOf[specifier]) visit(resolve(root, sourceOf[specifier]));
      else packages.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);
    }
  };
  visit(resolve(root, entry));
  return packages;
}
