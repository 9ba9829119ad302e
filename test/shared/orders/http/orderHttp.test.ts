import { HttpRequest } from '@azure/functions';
import { HttpError } from '../../../../shared/http/errors';
import { actorOf, headerOf, ifMatchOf, orderResponse } from '../../../../shared/orders/http/orderHttp';
import { idempotencyKeySchema } from '../../../../shared/orders/orderInputSchemas';
import type { Order } from '../../../../shared/orders/order';

const view = { order: { id: 'o1' } as Order, etag: '"abc"' };
const request = (method: string, headers: Record<string, string>) =>
  new HttpRequest({ method, url: 'http://localhost/api/orders/o1', headers });

describe('orderHttp', () => {
  it('answers a GET whose If-None-Match matches (weakly) with 304', () => {
    expect(orderResponse(view, request('GET', { 'if-none-match': '"abc"' })).status).toBe(304);
    expect(orderResponse(view, request('GET', { 'if-none-match': 'W/"abc"' })).status).toBe(304);
    expect(orderResponse(view, request('GET', { 'if-none-match': '"other"' }))).toMatchObject({
      status: 200,
      headers: { ETag: '"abc"' },
      jsonBody: view.order,
    });
  });

  it('never answers 304 to a write', () => {
    expect(orderResponse(view, request('PATCH', { 'if-none-match': '"abc"' })).status).toBe(200);
  });

  it('treats an empty If-Match as absent', () => {
    expect(ifMatchOf(request('PATCH', { 'if-match': '  ' }))).toBeUndefined();
    expect(ifMatchOf(request('PATCH', { 'if-match': '"abc"' }))).toBe('"abc"');
  });

  it('rejects a malformed Idempotency-Key naming the header', () => {
    const attempt = () =>
      headerOf(request('POST', { 'idempotency-key': 'has space' }), 'idempotency-key', idempotencyKeySchema);
    expect(attempt).toThrow(HttpError);
    expect(attempt).toThrow(
      expect.objectContaining({
        status: 400,
        errors: [expect.objectContaining({ path: 'headers.idempotency-key' })],
      }) as Error,
    );
    expect(headerOf(request('POST', {}), 'idempotency-key', idempotencyKeySchema)).toBeUndefined();
  });

  it('maps the principal: admin role -> isAdmin', () => {
    expect(actorOf({ userId: 'u', email: 'e@x', emailVerified: true, roles: ['customer', 'admin'] })).toEqual(
      {
        id: 'u',
        email: 'e@x',
        emailVerified: true,
        isAdmin: true,
      },
    );
    expect(actorOf({ userId: 'u', email: 'e@x', roles: ['customer'] }).isAdmin).toBe(false);
  });
});
