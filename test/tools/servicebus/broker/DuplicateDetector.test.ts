import { DuplicateDetector } from '../../../../tools/servicebus/broker/DuplicateDetector';

describe('DuplicateDetector', () => {
  it('reports a repeated messageId inside the window and forgets it after', () => {
    const d = new DuplicateDetector(1000);
    expect(d.isDuplicate('a', 0)).toBe(false);
    expect(d.isDuplicate('a', 999)).toBe(true);
    expect(d.isDuplicate('b', 500)).toBe(false);
    expect(d.isDuplicate('a', 1001)).toBe(false);
    expect(d.isDuplicate('b', 1400)).toBe(true);
  });

  it('restores history from stored messages', () => {
    const d = new DuplicateDetector(1000);
    d.remember('x', 100);
    expect(d.isDuplicate('x', 200)).toBe(true);
  });
});
