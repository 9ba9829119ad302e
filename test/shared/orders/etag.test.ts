import { ifMatchSatisfied, toHttpEtag } from '../../../shared/orders/etag';

describe('etag', () => {
  it('quotes a bare Cosmos etag and keeps a quoted one', () => {
    expect(toHttpEtag('abc')).toBe('"abc"');
    expect(toHttpEtag('"abc"')).toBe('"abc"');
  });

  it.each([
    ['"abc"', true],
    ['*', true],
    [' "x", "abc" ', true],
    ['"abd"', false],
    ['abc', false],
    ['W/"abc"', false],
    ['', false],
  ])('If-Match %j against abc: %s', (header, expected) => {
    expect(ifMatchSatisfied(header, 'abc')).toBe(expected);
  });
});
