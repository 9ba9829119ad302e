import fc from 'fast-check';
import { MinHeap } from '../../../../tools/servicebus/broker/MinHeap';

describe('MinHeap', () => {
  it('pops values in key order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 })), (keys) => {
        const heap = new MinHeap();
        keys.forEach((k, i) => heap.push(k, i));
        const popped: number[] = [];
        while (heap.size > 0) popped.push(keys[heap.pop()!]!);
        expect(popped).toEqual([...keys].sort((a, b) => a - b));
      }),
    );
  });
});
