import { describe, expect, it } from 'vitest';
import type { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import { readEnvelope } from './read-envelope.js';

const errorOf = (json: unknown): MlflowKserveError => {
  try {
    readEnvelope(json);
  } catch (error) {
    return error as MlflowKserveError;
  }
  throw new Error('readEnvelope accepted it');
};

describe('readEnvelope', () => {
  it('an MLflow body with extra keys and workspace null → its fields, workspace undefined', () => {
    const data = { name: 'm' };
    expect(
      readEnvelope({ entity: 'model_version', action: 'created', timestamp: '2026-01-01T00:00:00Z', data, workspace: null, extra: 1 }),
    ).toEqual({ entity: 'model_version', action: 'created', timestamp: '2026-01-01T00:00:00Z', data, workspace: undefined });
  });

  it('a numeric timestamp and a workspace → kept as they are', () => {
    expect(readEnvelope({ entity: 'e', action: 'a', timestamp: 1700000000, data: {}, workspace: 'team-a' })).toMatchObject({
      timestamp: 1700000000,
      workspace: 'team-a',
    });
  });

  it.each([
    ['an array', [], 'expected a JSON object, got an array'],
    ['null', null, 'got null'],
    ['a number', 3, 'got number'],
    ['no entity', { action: 'set', data: {} }, 'entity must be a non-empty string'],
    ['an empty entity', { entity: '', action: 'set', data: {} }, 'entity must be'],
    ['a numeric action', { entity: 'e', action: 1, data: {} }, 'action must be'],
    ['a boolean timestamp', { entity: 'e', action: 'a', timestamp: true, data: {} }, 'timestamp must be'],
    ['data as a string', { entity: 'e', action: 'a', data: 'x' }, 'data must be a JSON object'],
    ['data as a list', { entity: 'e', action: 'a', data: [] }, 'data must be a JSON object'],
    ['a numeric workspace', { entity: 'e', action: 'a', data: {}, workspace: 7 }, 'workspace must be a string'],
  ])('%s → bad_request naming the field', (_name, json, fragment) => {
    const error = errorOf(json);
    expect(error.code).toBe('bad_request');
    expect(error.message).toContain(fragment);
  });
});
