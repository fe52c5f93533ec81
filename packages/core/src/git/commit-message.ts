import { describeKey, identityOf } from '../keys/identity-of.js';
import { ownerOf } from '../ownership/ownership.js';
import type { ChangeCause } from '../ports/change-cause.js';
import type { InferenceServiceManifest } from '../render/inference-service-manifest.js';

/** One file a change writes: its path in the repository, and the InferenceService before and after (`null`: none). */
export interface FileChange {
  path: string;
  before: InferenceServiceManifest | null;
  after: InferenceServiceManifest | null;
}

interface Described {
  subject: string;
  kind: 'deploy' | 'update' | 'move' | 'remove';
  model: string | undefined;
  version: string | undefined;
  alias: string | undefined;
  key: string | undefined;
}

function describe(change: FileChange): Described {
  const after = change.after ? ownerOf(change.after) : undefined;
  const before = change.before ? ownerOf(change.before) : undefined;
  const owner = after?.managed ? after : before?.managed ? before : undefined;
  const key = owner?.key;
  const model = key?.model;
  const alias = key ? identityOf(key).templateValues(key).alias : undefined;
  const version = (after?.managed ? after.servedVersion : undefined) ?? (before?.managed ? before.servedVersion : undefined);
  const was = before?.managed ? before.servedVersion : undefined;
  const name = key ? (alias !== undefined ? `${model}@${alias}` : `${model} v${version}`) : change.path;
  let kind: Described['kind'];
  let subject: string;
  if (!change.after) {
    kind = 'remove';
    subject = alias !== undefined && version !== undefined ? `remove ${name} (was v${version})` : `remove ${name}`;
  } else if (!change.before) {
    kind = 'deploy';
    subject = alias !== undefined ? `deploy ${name} v${version}` : `deploy ${name}`;
  } else if (alias !== undefined && was !== undefined && was !== version) {
    kind = 'move';
    subject = `move ${name} ${was} → ${version}`;
  } else {
    kind = 'update';
    subject = alias !== undefined ? `update ${name} v${version}` : `update ${name}`;
  }
  return { subject, kind, model, version, alias, key: key ? describeKey(key) : undefined };
}

/** A trailer value on one line, without characters that would end it. */
const oneLine = (value: string): string =>
  value
    .replace(/[\r\n]+/g, ' ')
    .trim()
    .slice(0, 200);

/**
 * The commit message of one change: a subject that says what and why (`deploy fraud-detector v3 (deploy=true)`,
 * `move fraud-detector@champion 3 → 4`, `remove fraud-detector v3 (…)`), one line per file when there are
 * several (a reconcile: `reconcile: 2 deployed, 1 moved, 1 removed`), and Git trailers naming each model,
 * version, alias and MLflow delivery id (`MLflow-Model: fraud-detector`, `MLflow-Delivery: …`).
 *
 * @example
 * ```ts
 * commitMessage([{ path: 'inference-services/models/mlflow-fraud-v3.yaml', before: null, after: manifest }], [
 *   { key: versionKey('fraud', '3'), why: 'deploy=true', delivery: 'd-1' },
 * ]);
 * // 'deploy fraud v3 (deploy=true)\n\n- deploy fraud v3: inference-services/…\n\nMLflow-Model: fraud\nMLflow-Version: 3\nMLflow-Delivery: d-1\n'
 * ```
 */
export function commitMessage(changes: readonly FileChange[], causes: readonly ChangeCause[]): string {
  const described = changes.map((change) => ({ change, d: describe(change) }));
  const whyOf = (key: string | undefined): string | undefined =>
    key === undefined ? undefined : causes.find((c) => c.key !== undefined && describeKey(c.key) === key)?.why;
  const keys = new Set(described.map(({ d }) => d.key ?? d.subject));
  let subject: string;
  if (keys.size === 1 && described.length > 0) {
    const main = described.find(({ change }) => change.after) ?? described[0]!;
    const why = whyOf(main.d.key);
    subject = `${main.d.subject}${why ? ` (${oneLine(why)})` : ''}`;
    if (described.length > 1) subject += ` (${described.length} files)`;
  } else {
    const trigger = causes.find((c) => c.trigger)?.trigger ?? 'converge';
    const counts: Record<Described['kind'], number> = { deploy: 0, update: 0, move: 0, remove: 0 };
    for (const { d } of described) counts[d.kind] += 1;
    const words: [Described['kind'], string][] = [
      ['deploy', 'deployed'],
      ['move', 'moved'],
      ['update', 'updated'],
      ['remove', 'removed'],
    ];
    subject = `${trigger}: ${words
      .filter(([kind]) => counts[kind] > 0)
      .map(([kind, word]) => `${counts[kind]} ${word}`)
      .join(', ')}`;
  }
  const body = described.map(({ change, d }) => `- ${d.subject}: ${change.path}`);
  const trailers: string[] = [];
  const seen = new Set<string>();
  const add = (line: string): void => {
    if (seen.has(line)) return;
    seen.add(line);
    trailers.push(line);
  };
  for (const { d } of described) {
    if (d.model !== undefined) add(`MLflow-Model: ${oneLine(d.model)}`);
    if (d.alias !== undefined) add(`MLflow-Alias: ${oneLine(d.alias)}`);
    if (d.version !== undefined) add(`MLflow-Version: ${oneLine(d.version)}`);
  }
  for (const cause of causes) if (cause.delivery) add(`MLflow-Delivery: ${oneLine(cause.delivery)}`);
  return `${subject}\n\n${body.join('\n')}\n${trailers.length > 0 ? `\n${trailers.join('\n')}\n` : ''}`;
}
