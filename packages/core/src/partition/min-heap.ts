/**
 * Binary min-heap of integer items keyed by a number; ties go to the smaller item, so the
 * pop order never depends on push order and results stay deterministic.
 */
export class MinHeap {
  private keys: number[] = [];
  private items: number[] = [];

  get size(): number {
    return this.items.length;
  }

  push(item: number, key: number): void {
    const { keys, items } = this;
    let i = items.length;
    keys.push(key);
    items.push(item);
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
    if (items.length === 0) return -1;
    const top = items[0];
    const key = keys.pop()!;
    const item = items.pop()!;
    const n = items.length;
    if (n === 0) return top;
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
}

function less(ka: number, ia: number, kb: number, ib: number): boolean {
  return ka < kb || (ka === kb && ia < ib);
}
