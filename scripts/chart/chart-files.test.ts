import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configSchema, loadConfig } from '@mlflow-kserve/core';
import { parse } from 'yaml';
import {
  chartDir,
  chartManagedSettings,
  configValueSettings,
  isSecretSetting,
  renderChartReadme,
  renderValuesSchema,
  renderValuesYaml,
  valueKeyOf,
} from './chart-values.js';

const update = process.env['UPDATE_DOCS'] === '1';
const valuesFile = `${chartDir}values.yaml`;

/** sprig's snakecase as the Deployment template applies it to config keys. */
const snakecase = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

describe('charts/mlflow-kserve generated files', () => {
  it('values.yaml’s config block → generated from the configuration schema (npm run generate:deploy updates it)', () => {
    const current = readFileSync(valuesFile, 'utf8');
    const expected = renderValuesYaml(current);
    if (update) writeFileSync(valuesFile, expected);
    expect(readFileSync(valuesFile, 'utf8')).toBe(expected);
  });

  it('values.schema.json → generated (npm run generate:deploy updates it)', () => {
    const file = `${chartDir}values.schema.json`;
    if (update) writeFileSync(file, renderValuesSchema());
    expect(readFileSync(file, 'utf8')).toBe(renderValuesSchema());
  });

  it('README.md → generated from values.yaml (npm run generate:deploy updates it)', () => {
    const file = `${chartDir}README.md`;
    const expected = renderChartReadme(readFileSync(valuesFile, 'utf8'));
    if (update) writeFileSync(file, expected);
    expect(readFileSync(file, 'utf8')).toBe(expected);
  });

  it('every setting → a config value or set by the chart, never both; no secret is a plain value', () => {
    const settings = Object.keys(configSchema.shape);
    const managed = Object.keys(chartManagedSettings);
    expect([...configValueSettings, ...managed].sort()).toEqual([...settings].sort());
    expect(configValueSettings.filter(isSecretSetting)).toEqual([]);
    const config = parse(readFileSync(valuesFile, 'utf8')).config as Record<string, unknown>;
    expect(Object.keys(config)).toEqual(configValueSettings.map(valueKeyOf));
  });

  it('each config key, turned back by the template’s snakecase → the setting it came from', () => {
    for (const setting of configValueSettings) expect(snakecase(valueKeyOf(setting))).toBe(setting);
  });

  it('the chart’s default config → a valid configuration for the listener', () => {
    const config = parse(readFileSync(valuesFile, 'utf8')).config as Record<string, unknown>;
    const env = Object.fromEntries(
      Object.entries(config)
        .filter(([, v]) => v !== null)
        .map(([k, v]) => [`MLFLOW_KSERVE_${snakecase(k).toUpperCase()}`, Array.isArray(v) ? v.join(',') : String(v)]),
    );
    expect(() => loadConfig({ ...env, MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET: 'from-the-secret' })).not.toThrow();
  });
});
