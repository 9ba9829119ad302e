import { clientAddress, parseTrustedProxies } from '../../../shared/http/clientAddress';

const of = (xff?: string, trusted: string[] = []): string | undefined =>
  clientAddress(
    { headers: new Headers(xff === undefined ? {} : { 'x-forwarded-for': xff }) },
    parseTrustedProxies(trusted),
  );

describe('clientAddress', () => {
  it('takes the rightmost X-Forwarded-For hop (the one the platform appended) when no proxy is trusted', () => {
    expect(of('1.2.3.4, 5.6.7.8')).toBe('5.6.7.8');
    // A client sending a fresh header each time still gets the platform's hop.
    expect(of('198.51.100.1, 5.6.7.8')).toBe(of('198.51.100.2, 5.6.7.8'));
  });

  it('walks left past trusted proxies only (addresses and CIDR ranges)', () => {
    expect(of('9.9.9.9, 1.2.3.4, 10.0.0.7', ['10.0.0.0/8'])).toBe('1.2.3.4');
    expect(of('9.9.9.9, 1.2.3.4, 10.0.0.7, 10.1.2.3', ['10.0.0.0/8'])).toBe('1.2.3.4');
    expect(of('9.9.9.9, 1.2.3.4:5555, [2001:db8::5]:443', ['2001:db8::/32'])).toBe('1.2.3.4');
    // A trusted proxy as the only hop is still the address we have.
    expect(of('10.0.0.7', ['10.0.0.0/8'])).toBe('10.0.0.7');
    // The client's own hops are never walked past: 1.2.3.4 is not trusted.
    expect(of('10.0.0.9, 1.2.3.4', ['10.0.0.0/8'])).toBe('1.2.3.4');
  });

  it('strips ports and brackets', () => {
    expect(of('5.6.7.8:51234')).toBe('5.6.7.8');
    expect(of('[2001:DB8::1]:443')).toBe('2001:db8::1');
    expect(of('2001:db8::1')).toBe('2001:db8::1');
  });

  it('is undefined without a header, never a shared "unknown" address', () => {
    expect(of()).toBeUndefined();
    expect(of(' , ')).toBeUndefined();
  });

  it('refuses malformed TRUSTED_PROXIES entries', () => {
    expect(() => parseTrustedProxies(['frontdoor'])).toThrow(/TRUSTED_PROXIES/);
  });
});
