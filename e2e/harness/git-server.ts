import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A real Git server for the e2e tier: git's own `git http-backend` (smart HTTP) behind HTTP Basic auth. */
export interface GitServer {
  /** `http://127.0.0.1:<port>/<name>.git` of a repository. */
  url(name: string): string;
  /** Creates a bare repository `name` (push allowed), optionally with a first commit on `main` holding `files`. */
  repository(name: string, files?: Record<string, string>): string;
  /** Runs `git` in a fresh clone of `name` (as a person would), returning the clone's folder. */
  clone(name: string): string;
  /** The bare repository's folder (for `git log`, `git show` against the server's own state). */
  bare(name: string): string;
  /** Makes the server refuse pushes to `branch` of `name` (a pre-receive hook, like a protected branch). */
  protect(name: string, branch: string): void;
  /** Accepts only this token from now on (a rotated credential). */
  setToken(token: string): void;
  /** Pauses or resumes answering (an unreachable server for the clients: requests hang, then time out). */
  stall(stalled: boolean): void;
  requests: number;
  stop(): Promise<void>;
}

/** `git` as the test runs it: a fixed identity, no system or user configuration. */
export function gitCli(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_AUTHOR_NAME: 'A Person',
      GIT_AUTHOR_EMAIL: 'person@example.com',
      GIT_COMMITTER_NAME: 'A Person',
      GIT_COMMITTER_EMAIL: 'person@example.com',
      GIT_TERMINAL_PROMPT: '0',
    },
  });
}

/**
 * Starts the server on 127.0.0.1 with one account (`user` / `token`). Each request runs `git http-backend` as
 * CGI (the way Apache or nginx would run it), so fetches and pushes are served by git itself.
 */
export async function startGitServer(user: string, token: string): Promise<GitServer> {
  const root = mkdtempSync(join(tmpdir(), 'mlflow-kserve-git-'));
  const basic = (t: string) => `Basic ${Buffer.from(`${user}:${t}`).toString('base64')}`;
  let expected = basic(token);
  let stalled = false;
  const state = { requests: 0 };
  const server: Server = createServer((req, res) => {
    state.requests += 1;
    if (stalled) return; // never answered: the client's timeout must end it
    if (req.headers.authorization !== expected) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="git"' }).end('authentication required\n');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const child = spawn('git', ['http-backend'], {
      env: {
        PATH: process.env['PATH'] ?? '/usr/bin:/bin',
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_CONFIG_GLOBAL: '/dev/null',
        REMOTE_USER: user,
        REMOTE_ADDR: '127.0.0.1',
        REQUEST_METHOD: req.method ?? 'GET',
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.slice(1),
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        ...(req.headers['content-length'] ? { CONTENT_LENGTH: req.headers['content-length'] } : {}),
        ...(req.headers['content-encoding'] ? { HTTP_CONTENT_ENCODING: req.headers['content-encoding'] } : {}),
        ...(req.headers['git-protocol'] ? { GIT_PROTOCOL: String(req.headers['git-protocol']) } : {}),
      },
    });
    req.pipe(child.stdin);
    let head = Buffer.alloc(0);
    let started = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (started) {
        res.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      started = true;
      const headers: Record<string, string> = {};
      let status = 200;
      for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim().toLowerCase();
        const value = line.slice(colon + 1).trim();
        if (name === 'status') status = Number.parseInt(value, 10);
        else headers[name] = value;
      }
      res.writeHead(status, headers);
      res.write(head.subarray(end + 4));
    });
    child.stdout.on('end', () => res.end());
    child.on('error', () => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const bare = (name: string) => join(root, `${name}.git`);
  return {
    get requests() {
      return state.requests;
    },
    url: (name) => `http://127.0.0.1:${port}/${name}.git`,
    bare,
    repository(name, files) {
      const dir = bare(name);
      gitCli(root, 'init', '--quiet', '--bare', '--initial-branch=main', dir);
      gitCli(dir, 'config', 'http.receivepack', 'true');
      if (files) {
        const work = mkdtempSync(join(tmpdir(), 'mlflow-kserve-git-seed-'));
        gitCli(work, 'init', '--quiet', '--initial-branch=main');
        for (const [path, text] of Object.entries(files)) {
          mkdirSync(join(work, path, '..'), { recursive: true });
          execFileSync('sh', ['-c', `cat > "$1"`, 'sh', join(work, path)], { input: text });
        }
        gitCli(work, 'add', '-A');
        gitCli(work, 'commit', '--quiet', '-m', 'seed');
        gitCli(work, 'push', '--quiet', dir, 'main');
        rmSync(work, { recursive: true, force: true });
      }
      return dir;
    },
    clone(name) {
      const work = mkdtempSync(join(tmpdir(), 'mlflow-kserve-git-person-'));
      gitCli(work, 'clone', '--quiet', bare(name), '.');
      return work;
    },
    protect(name, branch) {
      const hook = join(bare(name), 'hooks', 'pre-receive');
      execFileSync('sh', [
        '-c',
        `cat > "$1" <<'HOOK'\n#!/bin/sh\nwhile read old new ref; do\n  if [ "$ref" = "refs/heads/${branch}" ]; then echo "protected branch ${branch}: pushes are not allowed" >&2; exit 1; fi\ndone\nHOOK\nchmod +x "$1"`,
        'sh',
        hook,
      ]);
    },
    setToken(value) {
      expected = basic(value);
    },
    stall(value) {
      stalled = value;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          rmSync(root, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}
