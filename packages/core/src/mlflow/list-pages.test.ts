import { describe, expect, it } from 'vitest';
import { listPages, maxPages } from './list-pages.js';

describe('listPages', () => {
  it('three pages → every item, in order', async () => {
    const pages: Record<string, { items: number[]; next: string | undefined }> = {
      start: { items: [1, 2], next: 'b' },
      b: { items: [3], next: 'c' },
      c: { items: [4], next: undefined },
    };
    expect(await listPages('search', async (token) => pages[token ?? 'start']!)).toEqual([1, 2, 3, 4]);
  });

  it('a token handed back twice → mlflow_error naming the repeat', async () => {
    await expect(listPages('search', async () => ({ items: [1], next: 'again' }))).rejects.toMatchObject({
      code: 'mlflow_error',
      message: expect.stringContaining('same next_page_token twice'),
    });
  });

  it(`a listing that never ends (a new token every time) → mlflow_error after ${maxPages} pages`, async () => {
    let calls = 0;
    const error = await listPages('search', async () => ({ items: [], next: `t${++calls}` })).catch((e: Error) => e);
    expect(error).toMatchObject({ code: 'mlflow_error', message: expect.stringContaining(`${maxPages} pages`) });
    expect(calls).toBe(maxPages);
  });
});
