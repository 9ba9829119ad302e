import { MailStore } from '../../../tools/mailcatcher/mailStore';
import type { CaughtMail } from '../../../tools/mailcatcher';

const mail = (i: number): CaughtMail => ({
  id: `m${i}`,
  from: 'a@x.test',
  to: ['b@x.test'],
  subject: `s${i}`,
  text: '',
  receivedAt: new Date(0).toISOString(),
  headers: {},
});

describe('MailStore', () => {
  it('keeps the newest 1,000 by default past 10x that, counting the evicted', () => {
    const store = new MailStore();
    const total = 10_000 + 123;
    for (let i = 0; i < total; i++) store.add(mail(i));
    const kept = store.list();
    expect(kept).toHaveLength(1000);
    expect(kept[0]!.id).toBe(`m${total - 1000}`);
    expect(kept.at(-1)!.id).toBe(`m${total - 1}`);
    expect(store.evicted).toBe(total - 1000);
    expect(store.get(`m${total - 1001}`)).toBeUndefined();
  });

  it('refuses a cap that is not a positive integer', () => {
    expect(() => new MailStore(0)).toThrow(RangeError);
    expect(() => new MailStore(1.5)).toThrow(RangeError);
  });
});
