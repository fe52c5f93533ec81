import { describe, expect, it } from 'vitest';
import { redactText } from './redact-text.js';

describe('redactText', () => {
  it.each([
    ["ENOENT: no such file or directory, open '/srv/templates/t.yaml'", "ENOENT: no such file or directory, open '<path>'"],
    ['EACCES: permission denied, mkdir /var/lib/manifests/ns', 'EACCES: permission denied, mkdir <path>'],
    ['fetch failed for http://alice:pw@mlflow:5000/api/2.0/mlflow/x', 'fetch failed for http://***@mlflow:5000/api/2.0/mlflow/x'],
    ['connect ECONNREFUSED 127.0.0.1:5000', 'connect ECONNREFUSED 127.0.0.1:5000'],
  ])('%j → %j', (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });
});
