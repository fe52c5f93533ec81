import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { defaultTemplate } from '@mlflow-kserve/core';

// The template the Helm chart and the kustomize manifests deploy is the listener's built-in template, copied
// from its one source (packages/core/src/render/default-template.ts) by `npm run generate:deploy`: what
// `mlflow-kserve render` and `serve --dev` render is what a cluster install renders, deployment mode included.
const root = fileURLToPath(new URL('../', import.meta.url));
const update = process.env['UPDATE_DOCS'] === '1';

/** `text` with the YAML block scalar after the line `key: |` (at `indent`) replaced by the built-in template. */
function withDefaultTemplate(text: string, key: string, indent: number): string {
  const lines = text.split('\n');
  const start = lines.indexOf(`${' '.repeat(indent)}${key}: |`);
  if (start < 0) throw new Error(`no "${key}: |" at indent ${indent}`);
  let end = start + 1;
  while (end < lines.length && (lines[end] === '' || lines[end]!.startsWith(' '.repeat(indent + 2)))) end += 1;
  while (end > start + 1 && lines[end - 1] === '') end -= 1;
  const body = defaultTemplate
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => (l === '' ? '' : `${' '.repeat(indent + 2)}${l}`));
  return [...lines.slice(0, start + 1), ...body, ...lines.slice(end)].join('\n');
}

describe('the built-in template, copied where it is deployed', () => {
  for (const [file, key, indent, read] of [
    ['charts/mlflow-kserve/values.yaml', 'inferenceServiceTemplate', 0, (y: any) => y.inferenceServiceTemplate],
    ['k8s/configmap.yaml', 'template.yaml', 2, (y: any) => y.data['template.yaml']],
  ] as const) {
    it(`${file} → the built-in template, verbatim (npm run generate:deploy updates it)`, () => {
      const current = readFileSync(`${root}${file}`, 'utf8');
      const expected = withDefaultTemplate(current, key, indent);
      if (update) writeFileSync(`${root}${file}`, expected);
      expect(readFileSync(`${root}${file}`, 'utf8')).toBe(expected);
      expect(read(parse(expected))).toBe(defaultTemplate);
    });
  }
});
