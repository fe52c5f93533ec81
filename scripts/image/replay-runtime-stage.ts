// The Dockerfile's runtime stage, replayed on this machine (there is no Docker engine here): the image e2e test
// checks what the image would run, and the benchmark measures `serve` the way the image starts it.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** The runtime stage of the Dockerfile as steps. */
export interface RuntimeStage {
  /** The Node image's major version (`FROM node:22-…`). */
  nodeMajor: number;
  /** `COPY --from=build` sources (relative to the repository) and their targets. */
  copies: [string, string][];
  /** `RUN` commands, in order. */
  runs: string[];
  /** `ENV` settings. */
  env: Record<string, string>;
  /** ENTRYPOINT followed by CMD. */
  command: string[];
}

/**
 * Reads the runtime stage of the repository's Dockerfile.
 *
 * @example
 * ```ts
 * runtimeStage().command; // ['node', '--max-semi-space-size=4', …, '/app/bundle/mlflow-kserve.mjs', 'serve']
 * ```
 */
export function runtimeStage(dockerfile = join(repoRoot, 'Dockerfile')): RuntimeStage {
  const lines = readFileSync(dockerfile, 'utf8')
    .replace(/\\\n\s*/g, ' ')
    .split('\n');
  const from = lines.findIndex((l) => /^FROM .* AS runtime$/.test(l));
  const nodeMajor = Number(/^FROM node:(\d+)/.exec(lines[from] ?? '')?.[1]);
  const stage: RuntimeStage = { nodeMajor, copies: [], runs: [], env: {}, command: [] };
  let entrypoint: string[] = [];
  let cmd: string[] = [];
  for (const line of lines.slice(from + 1)) {
    const copy = /^COPY --from=build (.+)$/.exec(line);
    if (copy) {
      const parts = copy[1]!.trim().split(/\s+/);
      const target = parts.pop()!;
      for (const source of parts) stage.copies.push([source.replace(/^\/src\//, ''), target]);
    } else if (line.startsWith('RUN ')) stage.runs.push(line.slice(4).trim());
    else if (line.startsWith('ENV ')) {
      for (const pair of line.slice(4).trim().split(/\s+/)) {
        const at = pair.indexOf('=');
        stage.env[pair.slice(0, at)] = pair.slice(at + 1);
      }
    } else if (line.startsWith('ENTRYPOINT ')) entrypoint = JSON.parse(line.slice(11)) as string[];
    else if (line.startsWith('CMD ')) cmd = JSON.parse(line.slice(4)) as string[];
  }
  stage.command = [...entrypoint, ...cmd];
  return stage;
}

/** What {@link replayRuntimeStage} laid out. */
export interface ReplayedImage {
  /** The start command with `/app` replaced by the directory and `node` by the given Node binary. */
  command: string[];
  /** The image's `ENV`, with `/app` replaced. */
  env: Record<string, string>;
}

/**
 * Lays out the runtime stage in `app` (standing for `/app`) from this checkout's build outputs and runs its
 * `RUN` lines there with `node` first on the PATH, as `docker build` would in the image.
 *
 * @example
 * ```ts
 * const { command, env } = replayRuntimeStage(mkdtempSync(join(tmpdir(), 'image-')), process.execPath);
 * ```
 */
export function replayRuntimeStage(app: string, node: string): ReplayedImage {
  const stage = runtimeStage();
  const inApp = (text: string) => text.replaceAll('/app', app);
  for (const [source, target] of stage.copies) {
    const destination = target.endsWith('/')
      ? join(app, target, source.split('/').pop()!)
      : target === './'
        ? join(app, source.split('/').pop()!)
        : join(app, target);
    mkdirSync(dirname(destination), { recursive: true });
    cpSync(join(repoRoot, source), destination, { recursive: true });
  }
  const env = Object.fromEntries(Object.entries(stage.env).map(([k, v]) => [k, inApp(v)]));
  for (const run of stage.runs) {
    execFileSync('sh', ['-c', inApp(run)], {
      cwd: app,
      env: { ...env, PATH: `${dirname(node)}${delimiter}${process.env['PATH'] ?? ''}` },
      stdio: 'ignore',
    });
  }
  const [first, ...rest] = stage.command;
  return { command: [first === 'node' ? node : first!, ...rest.map(inApp)], env };
}
