/** A binary min-heap of numbers keyed by a priority (both plain numbers, so 100k entries stay small). */
export class MinHeap {
  private readonly keys: number[] = [];
  private readonly values: number[] = [];

  get size(): number {
    return this.keys.length;
  }

  push(key: number, value: number): void {
    const k = this.keys;
    const v = this.values;
    let i = k.length;
    k.push(key);
    v.push(value);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (k[parent]! <= key) break;
      k[i] = k[parent]!;
      v[i] = v[parent]!;
      i = parent;
    }
    k[i] = key;
    v[i] = value;
  }

  peekKey(): number | undefined {
    return this.keys[0];
  }

  peekValue(): number | undefined {
    return this.values[0];
  }

  pop(): number | undefined {
    const k = this.keys;
    const v = this.values;
    if (k.length === 0) return undefined;
    const top = v[0];
    const lastKey = k.pop()!;
    const lastValue = v.pop()!;
    const n = k.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= n) break;
        const right = left + 1;
        const child = right < n && k[right]! < k[left]! ? right : left;
        if (k[child]! >= lastKey) break;
        k[i] = k[child]!;
        v[i] = v[child]!;
        i = child;
      }
      k[i] = lastKey;
      v[i] = lastValue;
    }
    return top;
  }

  clear(): void {
    this.keys.length = 0;
    this.values.length = 0;
  }
}
