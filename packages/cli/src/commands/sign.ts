import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { MlflowHeaders, signPayload } from '@mlflow-kserve/core';
import type { CliIo, ExitCode } from '../cli-io.js';

/** Options of `mlflow-kserve sign`. */
export interface SignOptions {
  secret?: string;
  body?: string;
  bodyFile?: string;
  deliveryId?: string;
  timestamp?: string;
}

/** The secret from `--secret` or `MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET`. @internal */
export function secretFrom(option: string | undefined, io: CliIo): string | undefined {
  if (option) return option;
  const key = Object.keys(io.env).find((k) => k.toUpperCase() === 'MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET');
  return key ? io.env[key] || undefined : undefined;
}

/**
 * `sign`: prints the headers MLflow would send for a body (from `--body`, `--body-file`, or stdin with
 * `--body-file -`), as JSON.
 *
 * @example
 * ```ts
 * await sign({ secret: 's3cret', body: '{"entity": …}' }, io);
 * ```
 */
export async function sign(options: SignOptions, io: CliIo): Promise<ExitCode> {
  const secret = secretFrom(options.secret, io);
  if (!secret) {
    io.stderr('sign needs --secret or MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET.\n');
    return 2;
  }
  let body = options.body;
  if (body === undefined && options.bodyFile)
    body = options.bodyFile === '-' ? await (io.readStdin?.() ?? Promise.resolve('')) : readFileSync(options.bodyFile, 'utf8');
  if (body === undefined) {
    io.stderr('sign needs --body or --body-file (use - for standard input).\n');
    return 2;
  }
  const deliveryId = options.deliveryId ?? randomUUID();
  const timestamp = options.timestamp ?? String(Math.floor(Date.now() / 1000));
  const headers = {
    'Content-Type': 'application/json',
    [MlflowHeaders.deliveryId]: deliveryId,
    [MlflowHeaders.timestamp]: timestamp,
    [MlflowHeaders.signature]: signPayload({ secret, deliveryId, timestamp, rawBody: body }),
  };
  io.stdout(`${JSON.stringify(headers, null, 2)}\n`);
  return 0;
}
