import { Writable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { openStore } from '../../src/index.ts';
import { LiveFeed } from '../../src/live/live-feed.ts';

/** A client socket that accepts writes only when told: `release()` lets everything through. */
class SlowClient extends Writable {
  chunks: string[] = [];
  #held: Array<() => void> = [];
  #open = false;
  constructor() {
    super({ highWaterMark: 1024, decodeStrings: false });
  }
  override _write(chunk: string, _encoding: BufferEncoding, done: () => void): void {
    this.chunks.push(String(chunk));
    if (this.#open) done();
    else this.#held.push(done);
  }
  release(): void {
    this.#open = true;
    for (const done of this.#held.splice(0)) done();
  }
  ids(): number[] {
    return this.chunks
      .join('')
      .split('\n\n')
      .filter((f) => f.includes('event: report'))
      .map((f) => Number(/^id: (\d+)/.exec(f)![1]));
  }
}

const report = (i: number) => ({ id: `slow-${i}`, lon: 109.005, lat: 32.685, category: '06010', source: 'app' });
const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

describe('live feed backpressure', () => {
  test('a slow client holds no growing buffer: writing stops at a full buffer and resumes on drain, nothing lost or doubled', async (t) => {
    const store = await openStore(':memory:');
    const feed = new LiveFeed(store, { ring: 16, page: 8, stallTimeout_ms: 10_000 });
    t.onTestFinished(async () => {
      feed.close();
      await store.close();
    });
    const client = new SlowClient();
    feed.connect(client, { after: 0, filter: {}, events: { report: true, stats: true } });
    for (let i = 0; i < 20; i++) await store.insertReports([report(i), report(100 + i)]);
    await tick();
    // ~250 bytes per event: the connection stopped once the 1 KiB buffer was full, not after 40 events.
    expect(client.ids().length).toBeLessThan(8);
    expect(client.writableLength).toBeLessThan(2048);
    client.release();
    await tick(100);
    expect(client.ids()).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  test('a client whose buffer stays full is dropped after stallTimeout_ms; it would resume with Last-Event-ID', async (t) => {
    const store = await openStore(':memory:');
    const feed = new LiveFeed(store, { stallTimeout_ms: 50 });
    t.onTestFinished(async () => {
      feed.close();
      await store.close();
    });
    const client = new SlowClient();
    feed.connect(client, { after: 0, filter: {}, events: { report: true, stats: true } });
    await store.insertReports(Array.from({ length: 20 }, (_, i) => report(i)));
    await tick();
    expect(feed.size).toBe(1);
    await tick(150);
    expect(client.destroyed).toBe(true);
    expect(feed.size).toBe(0);
  });
});
