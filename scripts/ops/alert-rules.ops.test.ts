import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { helmTemplate, repoRoot, tool } from './ops-tools.js';
import { dashboardExpressions } from './render-dashboard.js';

describe('deploy/prometheus and deploy/grafana with a real promtool', () => {
  it('promtool check rules deploy/prometheus/rules.yaml → valid', () => {
    const run = tool('promtool', ['check', 'rules', 'deploy/prometheus/rules.yaml']);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/SUCCESS: \d+ rules found/);
  });

  it('promtool test rules → every alert fires on its situation and stays quiet on healthy neighbours', () => {
    const run = tool('promtool', ['test', 'rules', 'rules.test.yaml'], `${repoRoot}deploy/prometheus`);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('SUCCESS');
  });

  it('the rule tests → fail when an alert’s condition changes (they can fail)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-'));
    const rules = readFileSync(`${repoRoot}deploy/prometheus/rules.yaml`, 'utf8').replace('> 5\n        for: 5m', '> 50\n        for: 5m');
    writeFileSync(join(dir, 'rules.yaml'), rules);
    writeFileSync(join(dir, 'rules.test.yaml'), readFileSync(`${repoRoot}deploy/prometheus/rules.test.yaml`, 'utf8'));
    const run = tool('promtool', ['test', 'rules', 'rules.test.yaml'], dir);
    expect(run.status).not.toBe(0);
    expect(run.stdout + run.stderr).toContain('MlflowKserveSignatureRejections');
  });

  it('the chart’s PrometheusRule → rules promtool accepts', () => {
    const rule = helmTemplate(['--set', 'prometheusRule.enabled=true']).find((o) => o.kind === 'PrometheusRule')!;
    const dir = mkdtempSync(join(tmpdir(), 'chart-rules-'));
    writeFileSync(join(dir, 'rules.yaml'), stringify(rule.spec));
    const run = tool('promtool', ['check', 'rules', join(dir, 'rules.yaml')]);
    expect(run.status, run.stdout + run.stderr).toBe(0);
  });

  it('every dashboard query, with its variables filled in → valid PromQL (promtool parses them as recording rules)', () => {
    const json = readFileSync(`${repoRoot}deploy/grafana/mlflow-kserve.json`, 'utf8');
    const expressions = dashboardExpressions(json).map((expr) =>
      expr.replaceAll('$__rate_interval', '5m').replaceAll('$namespace', '.*').replaceAll('$job', '.*'),
    );
    expect(expressions.every((e) => !e.includes('$'))).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'dashboard-'));
    const file = join(dir, 'dashboard-queries.yaml');
    writeFileSync(
      file,
      stringify({ groups: [{ name: 'dashboard', rules: expressions.map((expr, i) => ({ record: `dashboard:query_${i}`, expr })) }] }),
    );
    const run = tool('promtool', ['check', 'rules', file]);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(`SUCCESS: ${expressions.length} rules found`);
  });
});
