import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** A child process whose output goes to a log file. */
export interface Managed {
  name: string;
  child: ChildProcess;
  log: string;
  stop(): Promise<void>;
}

/** Whether `port` can be listened on at 127.0.0.1 right now. */
function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.on('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** The lowest port the kernel hands out to outgoing connections (Linux: ip_local_port_range; else 32768). */
function ephemeralStart(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > 2048 ? low : 32768;
  } catch {
    return 32768;
  }
}

const handedOut = new Set<number>();

/**
 * A free TCP port on 127.0.0.1 for a server a test starts, below the kernel's ephemeral range: a port from
 * that range (what listening on port 0 gives) can be taken by any outgoing connection before the server binds
 * it — the API server then fails with "address already in use". Random, so parallel test files rarely pick
 * the same one, and checked free when picked.
 */
export async function freePort(): Promise<number> {
  const high = ephemeralStart();
  const low = Math.max(1024, high - 12_000);
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const port = low + Math.floor(Math.random() * (high - low));
    // Not one handed out before: a server given it may not have bound it yet.
    if (!handedOut.has(port) && (await canListen(port))) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`No free port between ${low} and ${high} on 127.0.0.1.`);
}

/** Children still running; sent SIGTERM when this process exits, also on a crash before their `stop()`. */
const running = new Set<ChildProcess>();
let stopOnExit = false;

/**
 * Starts a process with output appended to `log`. If this process exits first (a test run or bench that
 * failed before stopping it), the child gets SIGTERM then, so no MLflow, etcd or API server outlives it.
 */
export function start(
  name: string,
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; log: string },
): Managed {
  const out = createWriteStream(options.log, { flags: 'a' });
  const child = spawn(command, args, { env: options.env ?? process.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  running.add(child);
  child.once('exit', () => running.delete(child));
  if (!stopOnExit) {
    stopOnExit = true;
    process.once('exit', () => {
      for (const c of running) c.kill('SIGTERM');
    });
  }
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return { name, child, log: options.log, stop };
}

/** Polls `check` until it returns a value (not undefined/false) or the deadline passes. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  { timeoutMs = 60_000, intervalMs = 200, managed }: { timeoutMs?: number; intervalMs?: number; managed?: Managed } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    if (managed && managed.child.exitCode !== null)
      throw new Error(`${managed.name} exited (${managed.child.exitCode}) while waiting for ${what}:\n${tail(managed.log)}`);
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}${managed ? `\n${tail(managed.log)}` : ''}`,
  );
}

/** The last lines of a log file. */
export function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
