import * as fs from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import git from 'isomorphic-git';
import { describe, expect, it } from 'vitest';
import { editTree } from './edit-tree.js';

const bytes = (text: string) => new TextEncoder().encode(text);

async function store() {
  const gitdir = join(mkdtempSync(join(tmpdir(), 'edit-tree-')), 'repo.git');
  await git.init({ fs, gitdir, bare: true });
  return { gitdir, cache: {} };
}

async function files(s: { gitdir: string }, tree: string | undefined, prefix = ''): Promise<Record<string, string>> {
  if (!tree) return {};
  const out: Record<string, string> = {};
  for (const entry of (await git.readTree({ fs, gitdir: s.gitdir, oid: tree })).tree) {
    if (entry.type === 'tree') Object.assign(out, await files(s, entry.oid, `${prefix}${entry.path}/`));
    else out[`${prefix}${entry.path}`] = new TextDecoder().decode((await git.readBlob({ fs, gitdir: s.gitdir, oid: entry.oid })).blob);
  }
  return out;
}

describe('editTree', () => {
  it('files added under new folders, into an empty tree → exactly those files', async () => {
    const s = await store();
    const tree = await editTree(
      s,
      undefined,
      new Map([
        ['isvc/models/a.yaml', bytes('a')],
        ['isvc/other/b.yaml', bytes('b')],
      ]),
    );
    expect(await files(s, tree)).toEqual({ 'isvc/models/a.yaml': 'a', 'isvc/other/b.yaml': 'b' });
  });

  it('one file changed and one removed → every other file, in and outside the folder, kept as it was', async () => {
    const s = await store();
    const base = await editTree(
      s,
      undefined,
      new Map([
        ['README.md', bytes('r')],
        ['isvc/models/a.yaml', bytes('a')],
        ['isvc/models/b.yaml', bytes('b')],
        ['isvc/keep.txt', bytes('k')],
      ]),
    );
    const next = await editTree(
      s,
      base,
      new Map([
        ['isvc/models/a.yaml', bytes('a2')],
        ['isvc/models/b.yaml', null],
      ]),
    );
    expect(await files(s, next)).toEqual({ 'README.md': 'r', 'isvc/models/a.yaml': 'a2', 'isvc/keep.txt': 'k' });
  });

  it('the last file of a folder removed → the folder is gone (Git has no empty folders); nothing left → undefined', async () => {
    const s = await store();
    const base = await editTree(s, undefined, new Map([['isvc/models/a.yaml', bytes('a')]]));
    expect(await editTree(s, base, new Map([['isvc/models/a.yaml', null]]))).toBeUndefined();
  });

  it('the same content written again → the same tree id (no commit needed)', async () => {
    const s = await store();
    const base = await editTree(s, undefined, new Map([['isvc/models/a.yaml', bytes('a')]]));
    expect(await editTree(s, base, new Map([['isvc/models/a.yaml', bytes('a')]]))).toBe(base);
  });

  it('a file where a folder is needed → git_error naming MLFLOW_KSERVE_GIT_PATH', async () => {
    const s = await store();
    const base = await editTree(s, undefined, new Map([['isvc', bytes('a file')]]));
    await expect(editTree(s, base, new Map([['isvc/models/a.yaml', bytes('a')]]))).rejects.toThrow(/MLFLOW_KSERVE_GIT_PATH/);
  });
});
