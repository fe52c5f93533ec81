import { describe, expect, it } from 'vitest';
import { parseEvent } from './parse-event.js';
import { tagEventBody } from './tag-event-body.js';

describe('tagEventBody', () => {
  it('set → MLflow byte layout (", " and ": " separators, ISO timestamp with +00:00)', () => {
    const body = tagEventBody('iris', '3', 'deploy', 'true');
    expect(body).toMatch(
      /^\{"entity": "model_version_tag", "action": "set", "timestamp": "\d{4}-\d\d-\d\dT[\d:.]+\+00:00", "data": \{"name": "iris", "version": "3", "key": "deploy", "value": "true"\}\}$/,
    );
  });

  it('non-ASCII model name → \\u escapes as Python json.dumps writes them; parses back', () => {
    const body = tagEventBody('modèle', '1', 'deploy');
    expect(body).toContain('"name": "mod\\u00e8le"');
    expect(body).toContain('"action": "deleted"');
    expect(parseEvent(body)).toMatchObject({ type: 'model_version_tag.deleted', model: 'modèle' });
  });
});
