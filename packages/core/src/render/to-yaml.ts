import { Document, isScalar, parse, visit } from 'yaml';

function readsAsString(text: string, version: '1.1' | '1.2'): boolean {
  try {
    return parse(text, { version }) === text;
  } catch {
    return false;
  }
}

/**
 * YAML that every Kubernetes tool reads back with the same types: a string that a YAML 1.1 reader (kubectl's
 * `sigs.k8s.io/yaml`, many GitOps agents) or a YAML 1.2 reader would take as a bool, number, null or
 * timestamp — `yes`, `off`, `y`, `1_000`, `1:20`, `0o17`, `2001-12-14`, `~` — is double-quoted.
 *
 * @example
 * ```ts
 * toYaml({ metadata: { annotations: { 'mlflow-kserve.io/model-name': 'yes' } } });
 * // 'metadata:\n  annotations:\n    mlflow-kserve.io/model-name: "yes"\n'
 * ```
 */
export function toYaml(value: unknown): string {
  const doc = new Document(value);
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'string' && !(readsAsString(node.value, '1.1') && readsAsString(node.value, '1.2'))) {
        node.type = 'QUOTE_DOUBLE';
      }
    },
  });
  return doc.toString({ lineWidth: 0 });
}
