import { isUtf8 } from 'node:buffer';
import type { z } from 'zod';
import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import { toBytes } from '../util/to-bytes.js';
import { dataSchemas } from './event-schemas.js';
import { readEnvelope } from './read-envelope.js';
import type { RegistryEvent } from './registry-event.js';

function describeIssues(error: z.ZodError, prefix: string): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${[prefix, ...issue.path.map(String)].filter(Boolean).join('.') || 'body'}: ${issue.message}`)
    .join('; ');
}

function badRequest(message: string, cause?: unknown): MlflowKserveError {
  return new MlflowKserveError('bad_request', message, { cause });
}

/**
 * Parses an MLflow webhook body into a typed event. Accepts real MLflow payloads (ISO timestamp,
 * optional `workspace`) and a legacy shape some senders use (integer timestamp, `run_id`/`experiment_id` in `data`).
 * Unknown entities (prompts, budget policies) parse to `{ type: 'unsupported' }`.
 *
 * @throws MlflowKserveError with code `bad_request` naming the problem (→ HTTP 400).
 * @example
 * ```ts
 * const event = parseEvent('{"entity": "model_version_tag", "action": "set", "timestamp": "2026-01-01T00:00:00+00:00", "data": {"name": "iris", "version": "3", "key": "deploy", "value": "true"}}');
 * event.type; // 'model_version_tag.set'
 * ```
 */
export function parseEvent(rawBody: string | Uint8Array): RegistryEvent {
  let json: unknown;
  try {
    let text: string;
    if (typeof rawBody === 'string') text = rawBody;
    else {
      const bytes = toBytes(rawBody);
      // Checked first: Buffer's decoder replaces invalid sequences instead of refusing them.
      if (!isUtf8(bytes)) throw new TypeError('invalid UTF-8');
      text = bytes.toString('utf8');
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a byte order mark, as TextDecoder drops it
    }
    json = JSON.parse(text);
  } catch (cause) {
    throw badRequest('Body is not valid UTF-8 JSON.', cause);
  }
  const { entity, action, data, timestamp, workspace } = readEnvelope(json);
  const base = { timestamp, workspace };
  const type = `${entity.toLowerCase()}.${action.toLowerCase()}`;
  if (!(type in dataSchemas)) return { type: 'unsupported', entity, action, ...base };

  const schema = dataSchemas[type as keyof typeof dataSchemas];
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw badRequest(`Event ${type} has invalid data: ${describeIssues(parsed.error, 'data')}`);
  const d = parsed.data as Record<string, unknown>;
  const model = d['name'] as string;
  switch (type) {
    case 'model_version_tag.set':
      return {
        type,
        model,
        version: d['version'] as string,
        key: d['key'] as string,
        value: d['value'] as string,
        runId: d['run_id'] as string | undefined,
        experimentId: d['experiment_id'] as string | undefined,
        ...base,
      };
    case 'model_version_tag.deleted':
      return { type, model, version: d['version'] as string, key: d['key'] as string, ...base };
    case 'model_version.created':
      return {
        type,
        model,
        version: d['version'] as string,
        source: d['source'] as string | undefined,
        runId: d['run_id'] as string | undefined,
        tags: d['tags'] as Record<string, string>,
        ...base,
      };
    case 'model_version_alias.created':
      return { type, model, alias: d['alias'] as string, version: d['version'] as string, ...base };
    case 'model_version_alias.deleted':
      return { type, model, alias: d['alias'] as string, ...base };
    default:
      return { type: 'registered_model.created', model, tags: d['tags'] as Record<string, string>, ...base };
  }
}
