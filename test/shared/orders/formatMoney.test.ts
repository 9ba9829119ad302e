import { currencies } from '../../../shared/orders/currencies';
import { formatMoney, minorUnitExponent } from '../../../shared/orders/formatMoney';
import { renderEmail } from '../../../shared/email/renderEmail';
import { money } from '../../../web/dashboard/format';

describe("money uses each currency's minor-unit exponent", () => {
  it('agrees with the exponent of every currency the shop sells in', () => {
    for (const [code, rules] of Object.entries(currencies))
      expect([code, minorUnitExponent(code)]).toEqual([code, rules.exponent]);
  });

  it('formats JPY without decimals, EUR with two, BHD with three', () => {
    expect(formatMoney(8800, 'JPY')).toBe('8800 JPY');
    expect(formatMoney(1299, 'EUR')).toBe('12.99 EUR');
    expect(formatMoney(1234, 'BHD')).toBe('1.234 BHD');
  });

  it('shows 8800 JPY as such in the confirmation email and on the dashboard', () => {
    const mail = renderEmail(
      {
        id: 'c1',
        type: 'orderConfirmation',
        to: 'a@b.test',
        createdAt: '2026-01-01T00:00:00.000Z',
        orderId: 'o-1',
        version: 1,
        total: 8800,
        currency: 'JPY',
      },
      { appBaseUrl: 'http://localhost' },
    );
    expect(mail.text).toContain('8800 JPY');
    expect(mail.text).not.toContain('88.00');
    expect(money(8800, 'JPY')).toBe('¥8,800');
    expect(money(1299, 'EUR')).toBe('€12.99');
  });

  it('answers the same from its caches, past the currency cache bound (10x its 512 entries)', () => {
    const first = Object.keys(currencies).map((c) => [c, minorUnitExponent(c), formatMoney(123456, c)]);
    // Arbitrary strings (a stored document may carry anything): well-formed unknown codes, malformed ones.
    for (let i = 0; i < 5120; i++) {
      const code = i % 2 ? `Q${String.fromCharCode(65 + (i % 26), 65 + ((i >> 5) % 26))}` : `bad-${i}`;
      expect(minorUnitExponent(code)).toBe(2);
    }
    const again = Object.keys(currencies).map((c) => [c, minorUnitExponent(c), formatMoney(123456, c)]);
    expect(again).toEqual(first);
    expect(formatMoney(-1299, 'EUR')).toBe('-12.99 EUR');
    expect(formatMoney(0, 'BHD')).toBe('0.000 BHD');
  });
});
