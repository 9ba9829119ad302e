import fc from 'fast-check';
import { registerBody } from '../../../shared/auth/schemas';
import { text } from '../../../shared/http/fields';
import { orderItemSchema } from '../../../shared/orders/orderInputSchemas';

// Code points that render as nothing (the red team's list and their relatives), and whitespace of all kinds.
const FILLERS = [
  '\u3164',
  '\u2800',
  '\u115F',
  '\u1160',
  '\uFFA0',
  '\u034F',
  '\u17B4',
  '\u17B5',
  '\u180E',
  '\u{E0020}',
];
const SPACES = [' ', '\u00A0', '\u2002', '\u2003', '\u2009', '\u200A', '\u205F', '\u3000', '\u1680'];

const userName = (name: string) =>
  registerBody.safeParse({ email: 'a@b.test', password: 'long enough', name });
const itemName = (name: string) =>
  orderItemSchema.safeParse({ sku: 'SKU-1', name, unitPrice: 100, quantity: 1 });

describe('names that render blank are refused (shared/http/invisibleText.ts)', () => {
  it.each(FILLERS.map((f) => [f.codePointAt(0)!.toString(16), f]))(
    'refuses U+%s alone, as a user and an item name',
    (_cp, f) => {
      expect(userName(f).success).toBe(false);
      expect(itemName(f).success).toBe(false);
    },
  );

  it('refuses any mix of fillers and whitespace (property)', () => {
    const blank = fc
      .array(fc.constantFrom(...FILLERS, ...SPACES), { minLength: 1, maxLength: 20 })
      .filter((cps) => cps.some((c) => FILLERS.includes(c)))
      .map((cps) => cps.join(''));
    fc.assert(
      fc.property(blank, (name) => !userName(name).success && !itemName(name).success),
      { numRuns: 500 },
    );
  });

  it('refuses a filler hidden inside a visible name (property)', () => {
    const hidden = fc
      .tuple(fc.constantFrom(...FILLERS), fc.constantFrom('Ann', 'Mug', '李'), fc.nat(3))
      .map(([f, word, at]) => word.slice(0, at) + f + word.slice(at));
    fc.assert(
      fc.property(hidden, (name) => !text({ max: 50 }).safeParse(name).success),
      { numRuns: 200 },
    );
  });

  it('still accepts visible names among whitespace, emoji with variation selectors, and combining accents', () => {
    for (const ok of ['Ann Lee', 'Zoë', 'cafe\u0301', '❤\uFE0F shop', '李 小龙', 'A\u3000B'])
      expect([ok, userName(ok).success, itemName(ok).success]).toEqual([ok, true, true]);
  });
});
