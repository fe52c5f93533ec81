import { describe, expect, it } from 'vitest';
import { ErrorCode } from './error-codes.js';
import { httpStatusForCode } from './http-status-for-code.js';
import { MlflowKserveError } from './mlflow-kserve-error.js';
import { toMlflowKserveError } from './to-mlflow-kserve-error.js';

describe('httpStatusForCode', () => {
  it.each([
    ['signature_invalid', 401],
    ['bad_request', 400],
    ['unsupported_media_type', 415],
    ['payload_too_large', 413],
    ['name_conflict', 409],
    ['invalid_template', 500],
    ['kubernetes_error', 500],
    ['mlflow_error', 502],
  ] as const)('httpStatusForCode(%s) → %i', (code, status) => {
    expect(httpStatusForCode(code)).toBe(status);
  });

  it('every code → a status between 400 and 599', () => {
    for (const code of Object.values(ErrorCode)) {
      expect(httpStatusForCode(code)).toBeGreaterThanOrEqual(400);
      expect(httpStatusForCode(code)).toBeLessThan(600);
    }
  });
});

describe('MlflowKserveError', () => {
  it('new MlflowKserveError(kubernetes_error) → retryable by default', () => {
    expect(new MlflowKserveError('kubernetes_error', 'x').retryable).toBe(true);
    expect(new MlflowKserveError('bad_request', 'x').retryable).toBe(false);
  });

  it('isInstance(plain Error) → false; toMlflowKserveError(plain Error) → internal with cause', () => {
    const original = new Error('secret-ish detail');
    expect(MlflowKserveError.isInstance(original)).toBe(false);
    const wrapped = toMlflowKserveError(original);
    expect(wrapped.code).toBe('internal');
    expect(wrapped.message).not.toContain('secret-ish');
    expect(wrapped.cause).toBe(original);
  });
});
