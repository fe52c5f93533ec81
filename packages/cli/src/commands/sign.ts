import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { MlflowHeaders, MlflowKserveError, signPayload } from '@mlflow-kserve/core';
import type { CliIo, ExitCode } from '../cli-io.js';
import { envValue } from '../load-cli-config.js';

/** Options of `mlflow-kserve sign`. */
export interface SignOptions {
  secret?: string;
  body?: string;
  bodyFile?: string;
  deliveryId?: string;
  timestamp?: string;
  /** Print a ready `curl` command posting to this URL instead of the headers. */
  curl?: string;
}

/** The secret from `--secret` or `MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET`. @internal */
export function secretFrom(option: string | undefined, io: CliIo): string | undefined {
  return option || envValue(io, 'MLFLOW_WEBHOOK_SECRET');
}

/** The body from `--body`, or `--body-file` (`-`: standard input); `undefined` when neither is given. @internal */
export async function bodyFrom(options: { body?: string; bodyFile?: string }, io: CliIo): Promise<string | undefined> {
  if (options.body !== undefined) return options.body;
  if (!options.bodyFile) return undefined;
  if (options.bodyFile === '-') return io.readStdin?.() ?? '';
  try {
    return readFileSync(options.bodyFile, 'utf8');
  } catch (error) {
    throw new MlflowKserveError(
      'bad_request',
      `Cannot read --body-file ${options.bodyFile} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
      { retryable: false },
    );
  }
}

/** The three MLflow headers (and Content-Type) for `body`, as MLflow computes them. @internal */
export function mlflowHeaders(secret: string, body: string, deliveryId?: string, timestamp?: string): Record<string, string> {
  const id = deliveryId ?? randomUUID();
  const ts = timestamp ?? String(Math.floor(Date.now() / 1000));
  if (!/^\d+$/.test(ts))
    throw new MlflowKserveError('bad_request', '--timestamp must be Unix seconds, e.g. 1767225600.', { retryable: false });
  return {
    'Content-Type': 'application/json',
    [MlflowHeaders.deliveryId]: id,
    [MlflowHeaders.timestamp]: ts,
    [MlflowHeaders.signature]: signPayload({ secret, deliveryId: id, timestamp: ts, rawBody: body }),
  };
}

const shellQuote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * `sign`: prints the headers MLflow would send for a body (from `--body`, `--body-file`, or stdin with
 * `--body-file -`), as JSON — or, with `--curl URL`, a ready `curl` command that posts it.
 *
 * @example
 * ```ts
 * await sign({ secret: 's3cret', body: '{"entity": …}', curl: 'http://127.0.0.1:8000/webhook' }, io);
 * ```
 */
export async function sign(options: SignOptions, io: CliIo): Promise<ExitCode> {
  const secret = secretFrom(options.secret, io);
  if (!secret) {
    io.stderr('sign needs --secret or MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET.\n');
    return 2;
  }
  const body = await bodyFrom(options, io);
  if (body === undefined) {
    io.stderr('sign needs --body or --body-file (use - for standard input).\n');
    return 2;
  }
  const headers = mlflowHeaders(secret, body, options.deliveryId, options.timestamp);
  if (options.curl) {
    const lines = [
      `curl -sS -X POST ${shellQuote(options.curl)}`,
      ...Object.entries(headers).map(([k, v]) => `-H ${shellQuote(`${k}: ${v}`)}`),
      `--data-binary ${shellQuote(body)}`,
    ];
    io.stdout(`${lines.join(' \\\n  ')}\n`);
  } else {
    io.stdout(`${JSON.stringify(headers, null, 2)}\n`);
  }
  return 0;
}
