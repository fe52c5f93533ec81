/**
 * `node:http` and `node:https` as their CommonJS objects, for the core's HTTP clients. On Node 22 and later an ESM
 * `import` of either builds its ESM namespace, which reads every export — and `http.WebSocket` is a getter that
 * loads undici (≈ 40 ms and ≈ 7 MB of a start, for a module the listener never uses). `process.getBuiltinModule`
 * returns the module without reading anything.
 *
 * @example
 * ```ts
 * nodeHttp.request(url, { method: 'GET' }, (response) => response.resume()).end();
 * ```
 */
export const nodeHttp = process.getBuiltinModule('node:http');

/** `node:https`, for the same reason as {@link nodeHttp}. */
export const nodeHttps = process.getBuiltinModule('node:https');
