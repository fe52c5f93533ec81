import type { WebhookRequest, WebhookResponse } from '@mlflow-kserve/core';
import type { ALBEvent, APIGatewayProxyEvent, APIGatewayProxyEventV2, LambdaFunctionURLEvent } from 'aws-lambda';

/** The events AWS sends that this adapter accepts (API Gateway v1 and v2, Function URLs, ALB). */
export type AcceptedLambdaEvent = APIGatewayProxyEvent | APIGatewayProxyEventV2 | LambdaFunctionURLEvent | ALBEvent;

/** The fields of those events this adapter reads; every {@link AcceptedLambdaEvent} fits it. */
export interface LambdaHttpEvent {
  version?: string;
  /** v1 and ALB */
  httpMethod?: string;
  path?: string;
  /** v2 and Function URLs */
  rawPath?: string;
  headers?: Record<string, string | undefined> | null;
  multiValueHeaders?: Record<string, string[] | undefined> | null;
  body?: string | null;
  isBase64Encoded?: boolean;
  requestContext?: { stage?: string; http?: { method?: string }; elb?: unknown };
}

/** The answer in the shape of the event that asked. */
export interface LambdaHttpResult {
  statusCode: number;
  statusDescription?: string;
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  body: string;
  isBase64Encoded: boolean;
}

/**
 * Translates an API Gateway REST (v1), HTTP API (v2), Function URL or ALB event into the core's plain
 * request: base64 bodies decoded to the exact bytes, headers in any case, an HTTP API stage prefix
 * removed from the path, and `basePath` (a custom-domain mapping) stripped.
 *
 * @example
 * ```ts
 * const request = toWebhookRequest(event); // { method: 'POST', path: '/webhook', headers, rawBody }
 * ```
 */
export function toWebhookRequest(event: LambdaHttpEvent, basePath = ''): WebhookRequest {
  const method = event.requestContext?.http?.method ?? event.httpMethod ?? 'GET';
  let path = event.rawPath ?? event.path ?? '/';
  const stage = event.requestContext?.stage;
  if (event.rawPath && stage && stage !== '$default' && path.startsWith(`/${stage}/`)) path = path.slice(stage.length + 1);
  if (basePath && path.startsWith(basePath)) path = path.slice(basePath.replace(/\/+$/, '').length) || '/';
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(event.multiValueHeaders ?? {}))
    if (values?.[0] !== undefined) headers[name.toLowerCase()] = values[0];
  for (const [name, value] of Object.entries(event.headers ?? {})) if (value !== undefined) headers[name.toLowerCase()] = value;
  const body = event.body ?? '';
  const rawBody = event.isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
  return { method, path, headers, rawBody };
}

const reasons: Record<number, string> = {
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/**
 * Translates the core's response into the result shape the event's source expects (ALB needs a status
 * description, and multi-value headers when the target group enabled them).
 *
 * @example
 * ```ts
 * return toLambdaResult(event, await handle(toWebhookRequest(event)));
 * ```
 */
export function toLambdaResult(event: LambdaHttpEvent, response: WebhookResponse): LambdaHttpResult {
  const result: LambdaHttpResult = { statusCode: response.status, body: response.body, isBase64Encoded: false };
  if (event.requestContext?.elb !== undefined) {
    result.statusDescription = `${response.status} ${reasons[response.status] ?? ''}`.trim();
    if (event.multiValueHeaders) {
      result.multiValueHeaders = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k, [v]]));
      return result;
    }
  }
  result.headers = response.headers;
  return result;
}
