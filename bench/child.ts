import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export { freePort } from '../e2e/harness/processes.js';

/** Forks a TypeScript module of bench/ (through tsx, on `node`: this one unless given) and waits for its 'ready' message. */
export async function forkReady(
  relative: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  node: string = process.execPath,
): Promise<ChildProcess> {
  // bench/tsconfig.json has no `paths`: packages resolve to their built dist, as users get them.
  const child = fork(fileURLToPath(new URL(relative, import.meta.url)), args, {
    execPath: node,
    execArgv: ['--import', 'tsx'],
    env: { ...env, TSX_TSCONFIG_PATH: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`${relative} exited with ${code}`)));
  });
  return child;
}

/** Resident set size of a process in MB (Linux /proc). */
export async function rssMb(pid: number): Promise<number> {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'))!;
  return Number(line.replace(/\D+/g, '')) / 1024;
}

/** CPU time a process has used so far (user + system), in ms (Linux /proc; clock ticks of 1/100 s). */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** The middle value (the upper one of an even count). */
export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
