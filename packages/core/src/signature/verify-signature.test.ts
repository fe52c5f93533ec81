import { describe, expect, it } from 'vitest';
import { signatureVectors } from '../../../../test/fixtures.js';
import { signPayload } from './sign-payload.js';
import { verifySignature } from './verify-signature.js';

const vectors = signatureVectors();
const now = vectors.now_seconds;

describe('verifySignature with MLflow vectors', () => {
  it.each(vectors.valid.map((v) => [v.name, v] as const))('%s → ok', (_name, v) => {
    const result = verifySignature({ rawBody: v.body, headers: v.headers, secrets: [v.secret], nowSeconds: now });
    expect(result).toEqual({ ok: true, deliveryId: v.headers['x-mlflow-delivery-id'], timestamp: Number(v.headers['x-mlflow-timestamp']) });
  });

  it.each(vectors.invalid.map((v) => [v.name, v] as const))('%s → fails with the suggested reason', (_name, v) => {
    const result = verifySignature({ rawBody: v.body, headers: v.headers, secrets: [v.secret], nowSeconds: now });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toBe(v.reason);
  });

  it('valid vector given as Uint8Array bytes → ok', () => {
    const v = vectors.valid[0]!;
    const bytes = new TextEncoder().encode(v.body);
    expect(verifySignature({ rawBody: bytes, headers: v.headers, secrets: [v.secret], nowSeconds: now }).ok).toBe(true);
  });

  it('headers in upper case → ok', () => {
    const v = vectors.valid[0]!;
    const upper = Object.fromEntries(Object.entries(v.headers).map(([k, val]) => [k.toUpperCase(), val]));
    expect(verifySignature({ rawBody: v.body, headers: upper, secrets: [v.secret], nowSeconds: now }).ok).toBe(true);
  });

  it('old secret second in a rotation list → ok', () => {
    const v = vectors.valid[0]!;
    expect(verifySignature({ rawBody: v.body, headers: v.headers, secrets: ['new-secret', v.secret], nowSeconds: now }).ok).toBe(true);
  });

  it('body re-serialized by JSON.stringify → signature_mismatch', () => {
    const v = vectors.valid[0]!;
    const reserialized = JSON.stringify(JSON.parse(v.body));
    const result = verifySignature({ rawBody: reserialized, headers: v.headers, secrets: [v.secret], nowSeconds: now });
    expect(result).toMatchObject({ ok: false, reason: 'signature_mismatch' });
  });
});

describe('verifySignature timestamp window', () => {
  const body = '{"entity": "model_version_tag"}';
  const headersAt = (ts: number): Record<string, string> => ({
    'x-mlflow-delivery-id': 'd1',
    'x-mlflow-timestamp': String(ts),
    'x-mlflow-signature': signPayload({ secret: 's', deliveryId: 'd1', timestamp: ts, rawBody: body }),
  });

  it('301 s old with tolerance 300 → timestamp_too_old', () => {
    const result = verifySignature({ rawBody: body, headers: headersAt(1000), secrets: ['s'], nowSeconds: 1301 });
    expect(result).toMatchObject({ ok: false, reason: 'timestamp_too_old' });
  });

  it('exactly 300 s old → ok', () => {
    expect(verifySignature({ rawBody: body, headers: headersAt(1000), secrets: ['s'], nowSeconds: 1300 }).ok).toBe(true);
  });

  it('61 s in the future with default skew 60 → timestamp_too_new', () => {
    const result = verifySignature({ rawBody: body, headers: headersAt(1061), secrets: ['s'], nowSeconds: 1000 });
    expect(result).toMatchObject({ ok: false, reason: 'timestamp_too_new' });
  });

  it('custom toleranceSeconds 10, 11 s old → timestamp_too_old', () => {
    const result = verifySignature({ rawBody: body, headers: headersAt(1000), secrets: ['s'], nowSeconds: 1011, toleranceSeconds: 10 });
    expect(result).toMatchObject({ ok: false, reason: 'timestamp_too_old' });
  });

  it('signature of a truncated digest → signature_mismatch, no throw', () => {
    const headers = { ...headersAt(1000), 'x-mlflow-signature': 'v1,AAAA' };
    expect(verifySignature({ rawBody: body, headers, secrets: ['s'], nowSeconds: 1000 })).toMatchObject({
      ok: false,
      reason: 'signature_mismatch',
    });
  });

  it('missing delivery id → missing_header naming it', () => {
    const headers: Record<string, string> = { ...headersAt(1000) };
    delete headers['x-mlflow-delivery-id'];
    const result = verifySignature({ rawBody: body, headers, secrets: ['s'], nowSeconds: 1000 });
    expect(result).toMatchObject({ ok: false, reason: 'missing_header' });
    if (!result.ok) expect(result.message).toContain('x-mlflow-delivery-id');
  });

  it('no secrets → throws TypeError (a configuration bug, not a request error)', () => {
    expect(() => verifySignature({ rawBody: body, headers: headersAt(1000), secrets: [] })).toThrow(TypeError);
  });
});

describe('signPayload', () => {
  it('signPayload(vector inputs) → the vector signature', () => {
    const v = vectors.valid[0]!;
    const signature = signPayload({
      secret: v.secret,
      deliveryId: v.headers['x-mlflow-delivery-id']!,
      timestamp: v.headers['x-mlflow-timestamp']!,
      rawBody: v.body,
    });
    expect(signature).toBe(v.headers['x-mlflow-signature']);
  });
});
