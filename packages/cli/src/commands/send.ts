import { randomUUID } from 'node:crypto';
import { MlflowHeaders, signPayload, tagEventBody } from '@mlflow-kserve/core';

import type { CliIo, ExitCode } from '../cli-io.js';
import { secretFrom } from './sign.js';

/** Options of `mlflow-kserve send`. */
export interface SendOptions {
  url: string;
  model: string;
  version: string;
  tag?: string;
  deleteTag?: string;
  secret?: string;
}

/**
 * `send`: posts a correctly signed `model_version_tag` event, byte-for-byte as MLflow would, and prints
 * the answer. Exit 0 on 2xx, 1 otherwise.
 *
 * @example
 * ```ts
 * await send({ url: 'http://localhost:8000/webhook', model: 'iris-classifier', version: '3', tag: 'deploy=true' }, io);
 * ```
 */
export async function send(options: SendOptions, io: CliIo): Promise<ExitCode> {
  const secret = secretFrom(options.secret, io);
  if (!secret) {
    io.stderr('send needs --secret or MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET.\n');
    return 2;
  }
  if (Boolean(options.tag) === Boolean(options.deleteTag)) {
    io.stderr('send needs exactly one of --tag KEY=VALUE or --delete-tag KEY.\n');
    return 2;
  }
  let body: string;
  if (options.tag) {
    const at = options.tag.indexOf('=');
    if (at < 1) {
      io.stderr('--tag must look like KEY=VALUE, e.g. deploy=true.\n');
      return 2;
    }
    body = tagEventBody(options.model, options.version, options.tag.slice(0, at), options.tag.slice(at + 1));
  } else {
    body = tagEventBody(options.model, options.version, options.deleteTag!);
  }
  const deliveryId = randomUUID();
  const timestamp = Math.floor(Date.now() / 1000);
  let response: Response;
  try {
    response = await (io.fetch ?? fetch)(options.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [MlflowHeaders.deliveryId]: deliveryId,
        [MlflowHeaders.timestamp]: String(timestamp),
        [MlflowHeaders.signature]: signPayload({ secret, deliveryId, timestamp, rawBody: body }),
      },
      body,
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    io.stderr(`Could not reach ${options.url}: ${(error as Error).message}. Is the listener running (npm start)?\n`);
    return 1;
  }
  const text = await response.text();
  io.stdout(`HTTP ${response.status}\n${text}\n`);
  return response.ok ? 0 : 1;
}
