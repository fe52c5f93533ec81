import type { HeaderMap } from '../util/get-header.js';

/** A request as adapters hand it to the core: plain data, the body as the exact bytes received. */
export interface WebhookRequest {
  method: string;
  /** Path relative to where the adapter is mounted, e.g. `/webhook`. */
  path: string;
  headers: HeaderMap;
  /** The raw body; never parsed-then-serialized JSON. */
  rawBody: string | Uint8Array;
}

/** A response as the core returns it; adapters only copy it out. */
export interface WebhookResponse {
  status: number;
  headers: Record<string, string>;
  /** Serialized body (JSON unless the content type says otherwise). */
  body: string;
}
