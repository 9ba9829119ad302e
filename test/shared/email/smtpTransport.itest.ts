import { createServer, type AddressInfo } from 'node:net';
import { smtpTransport, pooledUrl } from '../../../shared/email/smtpTransport';
import { startCountingSmtp, type CountingSmtp } from '../../../tools/soak/countingSmtp';

const email = (i: number) => ({
  id: `order-${i}:1:orderConfirmation`,
  from: 'no-reply@orderflow.local',
  to: `customer-${i}@example.test`,
  subject: `Order ${i}`,
  text: `Thank you for order ${i}.`,
  html: `<p>Thank you for order ${i}.</p>`,
});

describe('smtpTransport against a real SMTP server', () => {
  let smtp: CountingSmtp;

  beforeAll(async () => {
    smtp = await startCountingSmtp();
  });

  afterAll(() => smtp.close());

  it('pools connections unless the URL says otherwise', () => {
    expect(new URL(pooledUrl('smtp://localhost:1025')).searchParams.get('pool')).toBe('true');
    expect(new URL(pooledUrl('smtp://localhost:1025/?pool=false')).searchParams.get('pool')).toBe('false');
  });

  it.each(['true', 'false'])('delivers 200 concurrent emails exactly once each (pool=%s)', async (pool) => {
    // 200 at once: 40x the pool's 5 connections, each connection reused for many messages.
    const transport = await smtpTransport(`smtp://127.0.0.1:${smtp.port}/?pool=${pool}`);
    const before = smtp.total();
    try {
      const sent = await Promise.all(Array.from({ length: 200 }, (_, i) => transport.send(email(i))));
      expect(new Set(sent.map((s) => s.providerMessageId)).size).toBe(200);
    } finally {
      await transport.close?.();
    }
    expect(smtp.total() - before).toBe(200);
    for (let i = 0; i < 200; i++)
      expect(smtp.byCommand.get(`order-${i}:1:orderConfirmation`)).toBeGreaterThan(0);
  });

  it('rejects with the connection error when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const transport = await smtpTransport(`smtp://127.0.0.1:${port}`);
    try {
      await expect(transport.send(email(1))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    } finally {
      await transport.close?.();
    }
  });

  it('rejects a server that accepts the connection and never greets (nodemailer greeting timeout)', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as AddressInfo).port;
    const transport = await smtpTransport(`smtp://127.0.0.1:${port}/?greetingTimeout=300`);
    try {
      await expect(transport.send(email(2))).rejects.toThrow(/Greeting never received/);
    } finally {
      await transport.close?.();
      silent.close();
    }
  });
});
