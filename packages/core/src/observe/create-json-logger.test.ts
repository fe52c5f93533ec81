import { describe, expect, it } from 'vitest';
import { createJsonLogger } from './create-json-logger.js';
import { logs, silentLogger } from './logger.js';

describe('createJsonLogger', () => {
  it('level WARNING → info and debug dropped, warn and error written as one JSON line each', () => {
    const lines: string[] = [];
    const logger = createJsonLogger('WARNING', (line) => lines.push(line));
    logger.debug({ a: 1 }, 'd');
    logger.info({ a: 1 }, 'i');
    logger.warn({ a: 2 }, 'w');
    logger.error({ a: 3 }, 'e');
    expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>)).toMatchObject([
      { level: 'warn', a: 2, msg: 'w', service: 'mlflow-kserve' },
      { level: 'error', a: 3, msg: 'e' },
    ]);
  });

  it('isLevelEnabled at INFO → debug false, info/warn/error true; a child keeps the level and adds its bindings', () => {
    const lines: string[] = [];
    const logger = createJsonLogger('INFO', (line) => lines.push(line));
    expect(['debug', 'info', 'warn', 'error'].map((l) => logger.isLevelEnabled?.(l as 'info'))).toEqual([false, true, true, true]);
    const child = logger.child!({ delivery_id: 'd1' });
    expect(child.isLevelEnabled?.('debug')).toBe(false);
    child.info({}, 'x');
    expect(JSON.parse(lines[0]!)).toMatchObject({ delivery_id: 'd1', msg: 'x' });
  });
});

describe('logs', () => {
  it('a logger without isLevelEnabled → true (every line is handed over); silentLogger → false', () => {
    expect(logs({ debug() {}, info() {}, warn() {}, error() {} }, 'debug')).toBe(true);
    expect(logs(silentLogger, 'error')).toBe(false);
  });
});
