import * as fs from 'node:fs';
import git from 'isomorphic-git';
import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';

/** A local repository's object store, as isomorphic-git addresses it. */
export interface ObjectStore {
  gitdir: string;
  cache: object;
}

type TreeEntry = { mode: string; path: string; oid: string; type: 'blob' | 'tree' | 'commit' };

/**
 * A new tree: `root` (`undefined`: the empty tree) with `edits` applied — each path (`a/b/c.yaml`) set to its
 * bytes or removed (`null`). Only the trees on the edited paths are rewritten; folders left empty disappear, as
 * Git has no empty folders. Returns `undefined` when nothing is left.
 *
 * @throws MlflowKserveError `git_error` when a path runs through a file (a file where a folder should be).
 * @example
 * ```ts
 * const tree = await editTree(store, base.tree, new Map([['inference-services/models/a.yaml', bytes]]));
 * ```
 */
export async function editTree(
  store: ObjectStore,
  root: string | undefined,
  edits: ReadonlyMap<string, Uint8Array | null>,
): Promise<string | undefined> {
  const entries: TreeEntry[] = root ? (await git.readTree({ fs, gitdir: store.gitdir, oid: root, cache: store.cache })).tree : [];
  const files = new Map<string, Uint8Array | null>();
  const folders = new Map<string, Map<string, Uint8Array | null>>();
  for (const [path, bytes] of edits) {
    const slash = path.indexOf('/');
    if (slash < 0) files.set(path, bytes);
    else {
      const head = path.slice(0, slash);
      const inner = folders.get(head) ?? new Map<string, Uint8Array | null>();
      inner.set(path.slice(slash + 1), bytes);
      folders.set(head, inner);
    }
  }
  const byName = new Map(entries.map((e) => [e.path, e]));
  for (const [name, bytes] of files) {
    if (bytes === null) byName.delete(name);
    else {
      const oid = await git.writeBlob({ fs, gitdir: store.gitdir, blob: bytes });
      byName.set(name, { mode: '100644', path: name, oid, type: 'blob' });
    }
  }
  for (const [name, inner] of folders) {
    const existing = byName.get(name);
    if (existing && existing.type !== 'tree') {
      throw new MlflowKserveError(
        'git_error',
        `Git target: ${name} is a file in the repository where the listener needs a folder; move it or choose another MLFLOW_KSERVE_GIT_PATH.`,
        { retryable: false },
      );
    }
    const tree = await editTree(store, existing?.oid, inner);
    if (tree === undefined) byName.delete(name);
    else byName.set(name, { mode: '040000', path: name, oid: tree, type: 'tree' });
  }
  if (byName.size === 0) return undefined;
  return git.writeTree({ fs, gitdir: store.gitdir, tree: [...byName.values()] });
}
