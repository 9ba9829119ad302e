import { decodeContinuationToken, encodeContinuationToken } from '../../../shared/orders/continuationToken';
import { OrderValidationError } from '../../../shared/orders/errors';

const filters = { by: 'alice', customerId: 'alice', status: ['pending'] };

describe('continuation token', () => {
  it('round-trips the Cosmos token for the same filters', () => {
    const token = encodeContinuationToken(filters, '{"token":"+RID:x#RT:1"}');
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeContinuationToken({ ...filters }, token)).toBe('{"token":"+RID:x#RT:1"}');
  });

  it('refuses a token issued for other filters or another caller', () => {
    const token = encodeContinuationToken(filters, 'c');
    expect(() => decodeContinuationToken({ ...filters, by: 'bob' }, token)).toThrow(OrderValidationError);
    expect(() => decodeContinuationToken({ ...filters, status: ['shipped'] }, token)).toThrow(
      /continuationToken/,
    );
  });

  it.each(['garbage', '', 'e30', Buffer.from('{"v":2,"f":"x","c":"y"}').toString('base64url')])(
    'refuses %j',
    (token) => {
      expect(() => decodeContinuationToken(filters, token)).toThrow(OrderValidationError);
    },
  );
});
