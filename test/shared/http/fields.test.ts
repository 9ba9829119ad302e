import { emailField, text } from '../../../shared/http/fields';

const name = text({ max: 10 });

describe('text()', () => {
  it('trims and NFC-normalises before checking length', () => {
    expect(name.parse('  cafe\u0301 ')).toBe('caf\u00e9');
    expect(name.safeParse('   ').success).toBe(false);
    expect(name.safeParse('x'.repeat(11)).success).toBe(false);
  });

  it.each([
    ['lone high surrogate', 'a\uD800b'],
    ['lone low surrogate', 'a\uDC00b'],
    ['NUL', 'a\u0000b'],
    ['newline', 'a\nb'],
    ['DEL', 'a\u007fb'],
    ['C1 control', 'a\u0085b'],
    ['zero-width space', 'a\u200Bb'],
    ['right-to-left override', 'a\u202Eb'],
    ['BOM', '\uFEFFab'],
  ])('rejects %s', (_label, value) => {
    expect(name.safeParse(value).success).toBe(false);
  });

  it('accepts real-world names, including astral characters (paired surrogates)', () => {
    for (const ok of ['Zoë', 'Łukasz', '李小龙', 'José María', 'Ana 😀', "O'Brien"])
      expect(name.safeParse(ok).success).toBe(true);
  });
});

describe('emailField', () => {
  it('accepts ordinary addresses and rejects others', () => {
    expect(emailField.safeParse('a.b+c@example.com').success).toBe(true);
    for (const bad of ['', 'a', 'a@', '@b.com', 'a b@c.com', `${'x'.repeat(250)}@b.com`])
      expect(emailField.safeParse(bad).success).toBe(false);
  });
});
