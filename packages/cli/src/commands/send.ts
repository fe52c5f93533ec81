import { eventBody, tagEventBody } from '@mlflow-kserve/core';
import type { CliIo, ExitCode } from '../cli-io.js';
import { bodyFrom, mlflowHeaders, secretFrom } from './sign.js';

/** The events `send` can build. */
export const sendableEvents = [
  'model_version_tag.set',
  'model_version_tag.deleted',
  'model_version.created',
  'model_version_alias.created',
  'model_version_alias.deleted',
] as const;

/** Options of `mlflow-kserve send`. */
export interface SendOptions {
  url: string;
  model?: string;
  version?: string;
  tag?: string[];
  deleteTag?: string;
  alias?: string;
  source?: string;
  event?: string;
  secret?: string;
  deliveryId?: string;
  timestamp?: string;
  body?: string;
  bodyFile?: string;
}

function parseTag(tag: string): [string, string] {
  const at = tag.indexOf('=');
  if (at < 1) throw new Error('--tag must look like KEY=VALUE, e.g. deploy=true.');
  return [tag.slice(0, at), tag.slice(at + 1)];
}

/** The body for the chosen event, byte-for-byte as MLflow writes it. */
function buildBody(options: SendOptions): string {
  const tags = (options.tag ?? []).map(parseTag);
  const event = options.event ?? (options.deleteTag ? 'model_version_tag.deleted' : 'model_version_tag.set');
  const need = (value: string | undefined, flag: string): string => {
    if (!value) throw new Error(`--event ${event} needs ${flag}.`);
    return value;
  };
  const model = need(options.model, '--model');
  switch (event) {
    case 'model_version_tag.set':
      if (tags.length !== 1) throw new Error('send needs exactly one --tag KEY=VALUE (or --delete-tag KEY).');
      return tagEventBody(model, need(options.version, '--version'), tags[0]![0], tags[0]![1]);
    case 'model_version_tag.deleted':
      return tagEventBody(model, need(options.version, '--version'), need(options.deleteTag, '--delete-tag KEY'));
    case 'model_version.created':
      return eventBody('model_version', 'created', {
        name: model,
        version: need(options.version, '--version'),
        source: options.source ?? `s3://mlflow-artifacts/${model}/${options.version}`,
        run_id: null,
        tags: Object.fromEntries(tags),
        description: null,
      });
    case 'model_version_alias.created':
      return eventBody('model_version_alias', 'created', {
        name: model,
        alias: need(options.alias, '--alias'),
        version: need(options.version, '--version'),
      });
    case 'model_version_alias.deleted':
      return eventBody('model_version_alias', 'deleted', { name: model, alias: need(options.alias, '--alias') });
    default:
      throw new Error(`--event must be one of ${sendableEvents.join(', ')}.`);
  }
}

/**
 * `send`: posts a correctly signed event, byte-for-byte as MLflow would, and prints the answer: a tag set
 * or deleted (default), a version created, an alias created or deleted, or any body (`--body-file`). With
 * `--delivery-id` and `--timestamp`, retries and stale deliveries can be tried by hand. Exit 0 on 2xx,
 * 1 otherwise, 2 for usage errors.
 *
 * @example
 * ```ts
 * await send({ url: 'http://localhost:8000/webhook', model: 'iris-classifier', version: '3', tag: ['deploy=true'] }, io);
 * ```
 */
export async function send(options: SendOptions, io: CliIo): Promise<ExitCode> {
  const secret = secretFrom(options.secret, io);
  if (!secret) {
    io.stderr('send needs --secret or MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET.\n');
    return 2;
  }
  let body: string;
  try {
    if (!URL.canParse(options.url) || !/^https?:$/.test(new URL(options.url).protocol))
      throw new Error(`--url must be an http(s) URL such as http://127.0.0.1:8000/webhook, got ${JSON.stringify(options.url)}.`);
    body = (await bodyFrom(options, io)) ?? buildBody(options);
  } catch (error) {
    io.stderr(`${(error as Error).message}\n`);
    return 2;
  }
  const headers = mlflowHeaders(secret, body, options.deliveryId, options.timestamp);
  let response: Response;
  try {
    response = await (io.fetch ?? fetch)(options.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    io.stderr(
      `Could not reach ${options.url}: ${(error as Error).message}. Is the listener running? Start it with "mlflow-kserve serve" (or "mlflow-kserve serve --dev" to try it without MLflow or a cluster).\n`,
    );
    return 1;
  }
  const text = await response.text();
  io.stdout(`HTTP ${response.status}\n${text}\n`);
  return response.ok ? 0 : 1;
}
