import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { configSchema } from '@mlflow-kserve/core';
import { renderConfigReference } from './config-docs.js';

const file = fileURLToPath(new URL('../docs/configuration.md', import.meta.url));

describe('docs/configuration.md', () => {
  it('generated reference → equal to the committed file (run npm run docs:config to update)', () => {
    const expected = renderConfigReference();
    if (process.env['UPDATE_DOCS'] === '1') writeFileSync(file, expected);
    expect(readFileSync(file, 'utf8')).toBe(expected);
  });

  it('every setting → documented with a description', () => {
    for (const [key, field] of Object.entries(configSchema.shape)) {
      expect((field as { description?: string }).description, key).toBeTruthy();
    }
  });
});
