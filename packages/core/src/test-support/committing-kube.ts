import type { KubePort } from '../ports/kube-port.js';
import { InMemoryKube } from '../testing/in-memory-kube.js';

/** A stand-in for the Git target: each change lands as one "commit" whose id counts up; its files are `files`; `rewrite` plays a force-push found by a fetch. */
export function committingKube(): KubePort & { files: InMemoryKube; rewrite(): void } {
  const files = new InMemoryKube();
  let commits = 0;
  let after: ((id: string) => Promise<void>)[] | undefined;
  const rewriteListeners = new Set<(detail: string) => void>();
  return {
    files,
    /** Plays a force-push found by a fetch. */
    rewrite: () => {
      for (const listener of rewriteListeners) listener('rewritten');
    },
    onRewritten(callback) {
      rewriteListeners.add(callback);
      return () => rewriteListeners.delete(callback);
    },
    apply: (manifest, precondition) => files.apply(manifest, precondition),
    delete: (namespace, name, precondition) => files.delete(namespace, name, precondition),
    get: (namespace, name) => files.get(namespace, name),
    list: (namespace, selector) => files.list(namespace, selector),
    ping: () => files.ping(),
    async change(work) {
      if (after) return work();
      after = [];
      try {
        const result = await work();
        commits += 1;
        for (const callback of after) await callback(`commit-${commits}`);
        return result;
      } finally {
        after = undefined;
      }
    },
    afterChange(callback) {
      after?.push(callback);
    },
  };
}
