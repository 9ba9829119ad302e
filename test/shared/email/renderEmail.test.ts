import { renderEmail } from '../../../shared/email/renderEmail';

const base = { to: 'ann@example.com', createdAt: '2026-11-21T10:00:00.000Z' };

describe('renderEmail', () => {
  it('escapes command values in HTML', () => {
    const mail = renderEmail(
      {
        ...base,
        id: 'x',
        type: 'passwordReset',
        name: '<script>alert(1)</script>',
        token: 'tok_0123456789abcdef',
        expiresAt: base.createdAt,
      },
      { appBaseUrl: 'https://shop.example' },
    );
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.text).toContain('https://shop.example/api/account/reset-password#token=tok_0123456789abcdef');
  });

  it('formats an order total in major units', () => {
    const mail = renderEmail(
      {
        ...base,
        id: 'x',
        type: 'orderConfirmation',
        orderId: '3f2a9c1b-0d4e-4a6b-9c1d-2e3f4a5b6c7d',
        version: 1,
        total: 1571,
        currency: 'EUR',
      },
      { appBaseUrl: 'https://shop.example' },
    );
    expect(mail.subject).toBe('Order #3F2A-9C1B received');
    expect(mail.text).toContain('Thank you for your order #3F2A-9C1B.');
    expect(mail.text).toContain('/api/account/orders/3f2a9c1b-0d4e-4a6b-9c1d-2e3f4a5b6c7d');
    expect(mail.text).toContain('15.71 EUR');
  });

  it('tells operators what was dead-lettered and how to replay it', () => {
    const mail = renderEmail(
      {
        ...base,
        id: 'x',
        type: 'deadLetterAlert',
        alertId: 'a-1',
        queue: 'orders',
        messageId: 'm-1',
        reason: 'MaxDeliveryCountExceeded',
      },
      { appBaseUrl: 'https://shop.example' },
    );
    expect(mail.subject).toContain('orders');
    expect(mail.text).toContain('MaxDeliveryCountExceeded');
    expect(mail.text).toContain('/api/admin/deadletters');
  });
});
