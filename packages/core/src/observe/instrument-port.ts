/**
 * Wraps a port so that every rejected call is reported to `onError` (for the API error counters),
 * then rethrown unchanged.
 *
 * @example
 * ```ts
 * const kube = instrumentPort(rawKube, () => metrics.kubernetesApiError());
 * ```
 */
export function instrumentPort<T extends object>(port: T, onError: (error: unknown) => void): T {
  const wrapped = new Map<PropertyKey, { original: unknown; wrapper: unknown }>();
  return new Proxy(port, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      const cached = wrapped.get(property);
      if (cached?.original === value) return cached.wrapper;
      const wrapper = (...args: unknown[]) => {
        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (result instanceof Promise)
          return result.catch((error: unknown) => {
            onError(error);
            throw error;
          });
        return result;
      };
      wrapped.set(property, { original: value, wrapper });
      return wrapper;
    },
  });
}
