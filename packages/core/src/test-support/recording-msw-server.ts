import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

/**
 * An msw server for the current test file that fails on unhandled requests and records a clone of every
 * request it sees (cleared after each test), so tests assert what a client actually sent.
 *
 * @example
 * ```ts
 * const { server, seen } = recordingMswServer();
 * server.use(http.get(url, () => HttpResponse.json({})));
 * ```
 */
export function recordingMswServer(): { server: ReturnType<typeof setupServer>; seen: Request[] } {
  const server = setupServer();
  const seen: Request[] = [];
  beforeAll(() => {
    server.listen({ onUnhandledRequest: 'error' });
    server.events.on('request:start', ({ request }) => seen.push(request.clone()));
  });
  afterEach(() => {
    server.resetHandlers();
    seen.length = 0;
  });
  afterAll(() => server.close());
  return { server, seen };
}
