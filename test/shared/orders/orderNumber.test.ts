import fc from 'fast-check';
import { orderNumber } from '../../../shared/orders/orderNumber';

describe('orderNumber', () => {
  it('is the first eight hex digits of the UUID, grouped', () => {
    expect(orderNumber('3f2a9c1b-0d4e-4a6b-9c1d-2e3f4a5b6c7d')).toBe('#3F2A-9C1B');
  });

  it('is the same for the same id and always short and readable', () => {
    fc.assert(
      fc.property(fc.uuid(), (id) => {
        expect(orderNumber(id)).toBe(orderNumber(id.toUpperCase()));
        expect(orderNumber(id)).toMatch(/^#[0-9A-F]{4}-[0-9A-F]{4}$/);
      }),
    );
  });

  it('still gives something readable for an id that is not a UUID', () => {
    expect(orderNumber('o-1')).toBe('#O1');
    expect(orderNumber('')).toBe('#?');
  });
});
