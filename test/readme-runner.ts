import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

/** One fenced shell block of an example's README: `sh` runs to the end, `sh server` keeps running, `sh manual` is not run. */
export interface ReadmeBlock {
  kind: 'run' | 'server' | 'manual';
  script: string;
}

/** The shell blocks of a README, in order. */
export function readmeBlocks(readme: string): ReadmeBlock[] {
  return [...readme.matchAll(/```sh( server| manual)?\n([\s\S]*?)```/g)].map((m) => ({
    kind: m[1] === ' server' ? 'server' : m[1] === ' manual' ? 'manual' : 'run',
    script: m[2]!,
  }));
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** What running a README's blocks printed. */
export interface ReadmeRun {
  outputs: string[];
  serverOutput: string;
}

/**
 * Runs a README's shell blocks as written, in `cwd`, with `replace` applied to each block's text (e.g. the
 * README's port → a free one): `sh` blocks with `bash -e` (each must exit 0), `sh server` blocks in the
 * background until `readyUrl` answers (within `readyTimeoutMs`, default 15 s), stopped at the end. `sh manual` blocks (they need MLflow or a
 * cloud account) are left to the reader.
 */
export async function runReadme(
  readme: string,
  cwd: string,
  options: { replace?: Record<string, string>; readyUrl?: string; readyTimeoutMs?: number; env?: Record<string, string | undefined> } = {},
): Promise<ReadmeRun> {
  const env = { ...process.env, ...options.env };
  const text = (script: string) => Object.entries(options.replace ?? {}).reduce((s, [from, to]) => s.split(from).join(to), script);
  const servers: ChildProcess[] = [];
  const outputs: string[] = [];
  let serverOutput = '';
  try {
    for (const block of readmeBlocks(readme)) {
      if (block.kind === 'manual') continue;
      if (block.kind === 'server') {
        const child = spawn('bash', ['-e', '-c', text(block.script)], { cwd, env, detached: true });
        child.stdout!.on('data', (d: Buffer) => (serverOutput += d.toString()));
        child.stderr!.on('data', (d: Buffer) => (serverOutput += d.toString()));
        servers.push(child);
        await waitFor(text(options.readyUrl ?? ''), options.readyTimeoutMs ?? 15_000, () => serverOutput);
        continue;
      }
      const run = spawnSync('bash', ['-e', '-c', text(block.script)], { cwd, env, encoding: 'utf8', timeout: 60_000 });
      if (run.status !== 0) {
        throw new Error(
          `README block failed (${run.status}):\n${text(block.script)}\n${run.stdout}\n${run.stderr}\nserver:\n${serverOutput}`,
        );
      }
      outputs.push(run.stdout);
    }
  } finally {
    for (const child of servers) {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  }
  return { outputs, serverOutput };
}

async function waitFor(url: string, timeoutMs: number, output: () => string): Promise<void> {
  for (let i = 0; i < timeoutMs / 100; i += 1) {
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`the README's server did not answer at ${url}:\n${output()}`);
}

/**
 * An example's folder and README, for a test in its `src/`: the `./manifests` its commands write is removed
 * after each test.
 *
 * @example
 * ```ts
 * const { dir, readme } = exampleReadme(import.meta.url);
 * ```
 */
export function exampleReadme(testFileUrl: string): { dir: string; readme: string } {
  afterEach(() => rmSync(new URL('../manifests', testFileUrl), { recursive: true, force: true }));
  return { dir: fileURLToPath(new URL('..', testFileUrl)), readme: readFileSync(new URL('../README.md', testFileUrl), 'utf8') };
}
