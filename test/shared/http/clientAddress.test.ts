import { clientAddress } from '../../../shared/http/clientAddress';

const of = (xff?: string): string =>
  clientAddress({ headers: new Headers(xff === undefined ? {} : { 'x-forwarded-for': xff }) });

describe('clientAddress', () => {
  it('takes the rightmost X-Forwarded-For hop (the one the platform appended)', () => {
    expect(of('1.2.3.4, 5.6.7.8')).toBe('5.6.7.8');
  });

  it('strips ports and brackets', () => {
    expect(of('5.6.7.8:51234')).toBe('5.6.7.8');
    expect(of('[2001:DB8::1]:443')).toBe('2001:db8::1');
    expect(of('2001:db8::1')).toBe('2001:db8::1');
  });

  it('falls back to unknown', () => {
    expect(of()).toBe('unknown');
    expect(of(' , ')).toBe('unknown');
  });
});
