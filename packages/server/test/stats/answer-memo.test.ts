import { describe, expect, test } from 'vitest';
import { AnswerMemo } from '../../src/stats/answer-memo.ts';
import { buildWithGrids } from '../helper.ts';

describe('AnswerMemo', () => {
  test('concurrent asks for one key share one computation; another key computes its own', async () => {
    const memo = new AnswerMemo(4);
    let runs = 0;
    const compute = async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 10));
      return { n: runs };
    };
    const answers = await Promise.all(Array.from({ length: 10 }, () => memo.answer('a', compute)));
    expect(runs).toBe(1);
    expect(new Set(answers).size).toBe(1);
    await memo.answer('b', compute);
    expect(runs).toBe(2);
  });

  test('a failed computation is forgotten: the next ask computes again', async () => {
    const memo = new AnswerMemo(4);
    await expect(memo.answer('a', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await memo.answer('a', async () => 7)).toBe(7);
  });

  test('keeps at most `limit` answers, dropping the least recently used', async () => {
    const memo = new AnswerMemo(2);
    let runs = 0;
    const compute = async () => ++runs;
    await memo.answer('a', compute); // 1
    await memo.answer('b', compute); // 2
    await memo.answer('a', compute); // kept: a is now the most recent
    await memo.answer('c', compute); // 3, drops b
    expect(await memo.answer('a', compute)).toBe(1);
    expect(await memo.answer('b', compute)).toBe(4);
  });
});

describe('GET /api/stats shares answers between clients', () => {
  test('ten concurrent identical requests get the same counts; a report posted after changes the next answer', async (t) => {
    const app = await buildWithGrids(t);
    const report = { lon: 109.005, lat: 32.685, category: '06010', source: '12345', created_at: '2024-05-01T08:00:00+08:00' };
    await app.inject({ method: 'POST', url: '/api/reports', payload: report });
    const url = '/api/stats?from=2024-01-01T00:00:00%2B08:00&to=2025-01-01T00:00:00%2B08:00';
    const answers = await Promise.all(Array.from({ length: 10 }, () => app.inject(url)));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(10).fill(200));
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(answers[0].json().total).toBe(1);
    // While nothing is written, the answer is served as the text it first serialized to, same ETag.
    const again = await app.inject(url);
    expect([again.statusCode, again.body, again.headers.etag]).toEqual([200, answers[0].body, answers[0].headers.etag]);
    expect(again.headers['content-type']).toBe('application/json; charset=utf-8');
    expect((await app.inject({ url, headers: { 'if-none-match': answers[0].headers.etag as string } })).statusCode).toBe(304);
    await app.inject({ method: 'POST', url: '/api/reports', payload: { ...report, id: 'second' } });
    const after = await app.inject(url);
    expect(after.json().total).toBe(2);
    expect(after.headers.etag).not.toBe(answers[0].headers.etag);
  });

  test('a repeated compressed request gets the whole answer, not an empty body', async (t) => {
    const app = await buildWithGrids(t);
    await app.inject({
      method: 'POST',
      url: '/api/reports',
      payload: { lon: 109.005, lat: 32.685, category: '06010', source: '12345', created_at: '2024-05-01T08:00:00Z' },
    });
    const url = '/api/stats?from=2024-01-01T00:00:00Z&to=2025-01-01T00:00:00Z&bucket=day';
    for (const encoding of ['gzip', 'br', 'gzip']) {
      const res = await app.inject({ url, headers: { 'accept-encoding': encoding } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding'], encoding).toBe(encoding);
      expect(res.rawPayload.length, encoding).toBeGreaterThan(20);
    }
  });
});
