/**
 * Binary min-heap of integer items (up to 2^53) keyed by a number; ties go to the smaller item,
 * so the pop order never depends on push order and results stay deterministic. Keys and items
 * live in growing Float64Arrays: a flood over 600,000 triangles pushes ~2 million entries, and
 * plain arrays of numbers cost a third more time there, mostly in the garbage collector.
 */
export class MinHeap {
  private keys = new Float64Array(64);
  private items = new Float64Array(64);
  private n = 0;

  get size(): number {
    return this.n;
  }

  push(item: number, key: number): void {
    if (this.n === this.keys.length) this.grow();
    const { keys, items } = this;
    let i = this.n++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(key, item, keys[p], items[p])) break;
      keys[i] = keys[p];
      items[i] = items[p];
      i = p;
    }
    keys[i] = key;
    items[i] = item;
  }

  /** Removes and returns the item with the smallest key, or -1 when empty. */
  pop(): number {
    const { keys, items } = this;
    if (this.n === 0) return -1;
    const top = items[0];
    const n = --this.n;
    if (n === 0) return top;
    const key = keys[n];
    const item = items[n];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && less(keys[c + 1], items[c + 1], keys[c], items[c])) c++;
      if (!less(keys[c], items[c], key, item)) break;
      keys[i] = keys[c];
      items[i] = items[c];
      i = c;
    }
    keys[i] = key;
    items[i] = item;
    return top;
  }

  /** Empties the heap, keeping its storage. */
  clear(): void {
    this.n = 0;
  }

  private grow(): void {
    const keys = new Float64Array(2 * this.keys.length);
    const items = new Float64Array(2 * this.items.length);
    keys.set(this.keys);
    items.set(this.items);
    this.keys = keys;
    this.items = items;
  }
}

function less(ka: number, ia: number, kb: number, ib: number): boolean {
  return ka < kb || (ka === kb && ia < ib);
}
