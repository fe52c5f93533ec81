import { timingSafeEqual } from 'node:crypto';
import { getHeader, type HeaderMap } from '../util/get-header.js';
import { computeSignature } from './compute-signature.js';
import { MlflowHeaders } from './mlflow-headers.js';

/** Why a delivery did not verify. */
export const SignatureFailure = {
  MissingHeader: 'missing_header',
  MalformedSignature: 'malformed_signature',
  MalformedTimestamp: 'malformed_timestamp',
  TimestampTooOld: 'timestamp_too_old',
  TimestampTooNew: 'timestamp_too_new',
  SignatureMismatch: 'signature_mismatch',
} as const;

/** One of the values of {@link SignatureFailure}. */
export type SignatureFailure = (typeof SignatureFailure)[keyof typeof SignatureFailure];

/** Input of {@link verifySignature}. */
export interface VerifySignatureInput {
  /** The body exactly as received. Never re-serialized JSON. */
  rawBody: string | Uint8Array;
  headers: HeaderMap;
  /** The current secret first, then older ones still accepted during a rotation. At least one. */
  secrets: readonly string[];
  /** The clock, in Unix seconds. Defaults to now. */
  nowSeconds?: number;
  /** How old a delivery may be. MLflow retries resend the original timestamp for about 2 minutes. */
  toleranceSeconds?: number;
  /** How far in the future a timestamp may be (clock drift). */
  futureSkewSeconds?: number;
}

/** Result of {@link verifySignature}. */
export type VerifySignatureResult =
  | { ok: true; deliveryId: string; timestamp: number }
  | { ok: false; reason: SignatureFailure; message: string };

const signaturePattern = /^v1,([A-Za-z0-9+/]+={0,2})$/;
const timestampPattern = /^\d{1,15}$/;
const digestBytes = 32;

function fail(reason: SignatureFailure, message: string): VerifySignatureResult {
  return { ok: false, reason, message };
}

/**
 * Verifies an MLflow webhook delivery: `X-MLflow-Signature: v1,<base64 HMAC-SHA256>` over
 * `"{delivery id}.{timestamp header}.{raw body}"`, with a replay window on both sides and
 * constant-time comparison against every accepted secret.
 *
 * @example
 * ```ts
 * const result = verifySignature({ rawBody, headers, secrets: [process.env.SECRET!] });
 * if (!result.ok) return { status: 401, body: result.reason };
 * ```
 */
export function verifySignature(input: VerifySignatureInput): VerifySignatureResult {
  const { rawBody, headers, secrets, toleranceSeconds = 300, futureSkewSeconds = 60 } = input;
  if (secrets.length === 0 || secrets.some((s) => s.length === 0)) {
    throw new TypeError('verifySignature needs at least one non-empty secret');
  }
  const signature = getHeader(headers, MlflowHeaders.signature);
  const deliveryId = getHeader(headers, MlflowHeaders.deliveryId);
  const timestampHeader = getHeader(headers, MlflowHeaders.timestamp);
  for (const [name, value] of [
    [MlflowHeaders.signature, signature],
    [MlflowHeaders.deliveryId, deliveryId],
    [MlflowHeaders.timestamp, timestampHeader],
  ] as const) {
    if (value === undefined || value === '') return fail('missing_header', `Header ${name} is missing.`);
  }
  const match = signaturePattern.exec(signature!.trim());
  if (!match) return fail('malformed_signature', `Header ${MlflowHeaders.signature} must be "v1," followed by a base64 HMAC.`);
  if (!timestampPattern.test(timestampHeader!)) {
    return fail('malformed_timestamp', `Header ${MlflowHeaders.timestamp} must be Unix seconds as a decimal number.`);
  }
  const timestamp = Number(timestampHeader);
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (now - timestamp > toleranceSeconds) {
    return fail('timestamp_too_old', `Delivery is ${now - timestamp}s old; at most ${toleranceSeconds}s is accepted.`);
  }
  if (timestamp - now > futureSkewSeconds) {
    return fail('timestamp_too_new', `Delivery timestamp is ${timestamp - now}s in the future; at most ${futureSkewSeconds}s is accepted.`);
  }
  const received = Buffer.from(match[1]!, 'base64');
  let matched = false;
  for (const secret of secrets) {
    const expected = computeSignature(secret, deliveryId!, timestampHeader!, rawBody);
    // Lengths are public (always 32 for a real signature); compare contents in constant time.
    if (received.length === digestBytes && timingSafeEqual(received, expected)) matched = true;
  }
  if (!matched) return fail('signature_mismatch', 'Signature does not match the body with any configured secret.');
  return { ok: true, deliveryId: deliveryId!, timestamp };
}
