import { describe, expect, it } from 'vitest';
import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import { signatureVectors } from '../../../../test/fixtures.js';
import { parseEvent } from './parse-event.js';

const vectors = signatureVectors();

function errorOf(fn: () => unknown): MlflowKserveError {
  try {
    fn();
  } catch (err) {
    if (MlflowKserveError.isInstance(err)) return err;
    throw err;
  }
  throw new Error('expected a throw');
}

describe('parseEvent', () => {
  it.each(vectors.valid.map((v) => [v.name, v.body] as const))('vector %s → a typed event', (_name, body) => {
    const event = parseEvent(body);
    expect(['model_version_tag.set', 'model_version_tag.deleted']).toContain(event.type);
  });

  it('real tag set body → model, version, key, value, ISO timestamp', () => {
    const event = parseEvent(vectors.valid[0]!.body);
    expect(event).toMatchObject({
      type: 'model_version_tag.set',
      model: 'iris-classifier',
      version: '3',
      key: 'deploy',
      value: 'true',
      timestamp: '2026-01-01T00:00:00.123456+00:00',
      runId: undefined,
    });
  });

  it('body with workspace → workspace kept', () => {
    const body = vectors.valid.find((v) => v.name === 'tag-set-with-workspace')!.body;
    expect(parseEvent(body).workspace).toBe('default');
  });

  it('legacy spec body (integer timestamp, run_id, experiment_id) → tag set with runId and experimentId', () => {
    const body = JSON.stringify({
      entity: 'model_version_tag',
      action: 'set',
      timestamp: 1234567890,
      data: { name: 'iris-classifier', version: 3, key: 'deploy', value: 'true', run_id: 'abc', experiment_id: '1' },
    });
    expect(parseEvent(body)).toMatchObject({
      type: 'model_version_tag.set',
      version: '3',
      runId: 'abc',
      experimentId: '1',
      timestamp: 1234567890,
    });
  });

  it('model_version.created with tags object → tags record', () => {
    const body =
      '{"entity": "model_version", "action": "created", "timestamp": "2026-01-01T00:00:00+00:00", "data": {"name": "m", "version": "1", "source": "models:/m-0123", "run_id": null, "tags": {"deploy": "true"}, "description": null}}';
    expect(parseEvent(body)).toMatchObject({
      type: 'model_version.created',
      source: 'models:/m-0123',
      runId: undefined,
      tags: { deploy: 'true' },
    });
  });

  it('model_version.created with a [{key,value}] tag list → tags record', () => {
    const body = JSON.stringify({
      entity: 'model_version',
      action: 'created',
      data: { name: 'm', version: '1', tags: [{ key: 'deploy', value: 'TRUE' }] },
    });
    expect(parseEvent(body)).toMatchObject({ tags: { deploy: 'TRUE' } });
  });

  it('alias created / deleted → alias events (deleted has no version)', () => {
    expect(
      parseEvent('{"entity": "model_version_alias", "action": "created", "data": {"name": "m", "alias": "champion", "version": "2"}}'),
    ).toMatchObject({
      type: 'model_version_alias.created',
      alias: 'champion',
      version: '2',
    });
    expect(parseEvent('{"entity": "model_version_alias", "action": "deleted", "data": {"name": "m", "alias": "champion"}}')).toMatchObject({
      type: 'model_version_alias.deleted',
    });
  });

  it('registered_model.created → model event', () => {
    expect(
      parseEvent('{"entity": "registered_model", "action": "created", "data": {"name": "m", "tags": {}, "description": ""}}'),
    ).toMatchObject({
      type: 'registered_model.created',
      model: 'm',
    });
  });

  it('prompt event → unsupported, not an error', () => {
    expect(parseEvent('{"entity": "prompt_tag", "action": "set", "data": {"name": "p", "key": "k", "value": "v"}}')).toMatchObject({
      type: 'unsupported',
      entity: 'prompt_tag',
      action: 'set',
    });
  });

  it('tag set with omitted value (MLflow sends "") → value ""', () => {
    expect(
      parseEvent('{"entity": "model_version_tag", "action": "set", "data": {"name": "m", "version": "1", "key": "deploy", "value": ""}}'),
    ).toMatchObject({ value: '' });
  });

  it.each([
    ['not json', '{nope', 'not valid UTF-8 JSON'],
    ['a JSON array', '[]', 'not an MLflow webhook event'],
    ['no entity', '{"action": "set", "data": {}}', 'entity'],
    [
      'tag set without version',
      '{"entity": "model_version_tag", "action": "set", "data": {"name": "m", "key": "deploy", "value": "true"}}',
      'data.version',
    ],
    ['data is a string', '{"entity": "model_version_tag", "action": "set", "data": "x"}', 'data'],
  ])('%s → bad_request naming the problem', (_name, body, fragment) => {
    const err = errorOf(() => parseEvent(body));
    expect(err.code).toBe('bad_request');
    expect(err.message).toContain(fragment);
  });

  it('bytes starting with a UTF-8 byte order mark → parsed', () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"entity": "prompt", "action": "created", "data": {}}')]);
    expect(parseEvent(body)).toMatchObject({ type: 'unsupported', entity: 'prompt' });
  });

  it('multi-byte UTF-8 in a model name → decoded', () => {
    const body = Buffer.from('{"entity": "registered_model", "action": "created", "data": {"name": "modèle-π"}}');
    expect(parseEvent(body)).toMatchObject({ model: 'modèle-π' });
  });

  it('a truncated multi-byte sequence → bad_request', () => {
    expect(errorOf(() => parseEvent(Buffer.from([0x7b, 0x22, 0xc3, 0x22, 0x7d]))).code).toBe('bad_request');
  });

  it('invalid UTF-8 bytes → bad_request', () => {
    expect(errorOf(() => parseEvent(new Uint8Array([0x7b, 0xff, 0x7d]))).code).toBe('bad_request');
  });
});
