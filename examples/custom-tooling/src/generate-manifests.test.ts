import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateManifests } from './generate-manifests.js';

describe('example custom-tooling', () => {
  it('two releases → two valid manifest files with KServe-safe names', () => {
    const out = mkdtempSync(join(tmpdir(), 'tooling-'));
    const files = generateManifests(
      [
        { model: 'iris-classifier', version: '3', storageUri: 's3://models/iris/3' },
        { model: 'Fraud Detector', version: '12', storageUri: 'gs://models/fraud/12' },
      ],
      out,
    );
    expect(files.map((f) => basename(f))).toEqual([
      'mlflow-iris-classifier-v3.yaml',
      expect.stringMatching(/^mlflow-fraud-detector-v[0-9]+-[0-9a-f]{6}\.yaml$/),
    ]);
    expect(readFileSync(files[1]!, 'utf8')).toContain('mlflow-kserve.io/model-name: Fraud Detector');
  });
});
