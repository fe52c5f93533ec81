/** Status writer options for tests: no rate limit to speak of, retries after 5 ms. */
export const fastStatusWriter = {
  ratePerSecond: 1000,
  retryDelayMs: 5,
  sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, Math.min(ms, 5))),
};

/**
 * Polls `check` every 10 ms, up to 2 s, and resolves with its first truthy value.
 *
 * @example
 * ```ts
 * await eventually(() => tags()['kserve.status'] === 'Ready', 'Ready');
 * ```
 */
export async function eventually<T>(check: () => T | undefined | false, what: string): Promise<T> {
  for (let i = 0; i < 200; i += 1) {
    const value = check();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}
