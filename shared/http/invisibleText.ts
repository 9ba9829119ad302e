/**
 * Code points that render as nothing, beyond the controls and format characters the text schemas already
 * refuse: Unicode's Default_Ignorable_Code_Point set (Hangul fillers U+115F, U+1160, U+3164, U+FFA0, the
 * combining grapheme joiner U+034F, Khmer inherent vowels, Mongolian variation selectors, tag characters...)
 * except the emoji/ideograph variation selectors, which modify a visible character; plus U+2800 BRAILLE
 * PATTERN BLANK, which is not default-ignorable but is blank by design. A name made of them reads as empty.
 */
const INVISIBLE_FILLER = /(?![\uFE00-\uFE0F\u{E0100}-\u{E01EF}])[\p{Default_Ignorable_Code_Point}\u2800]/u;
// Something a reader can see: not whitespace, not a mark (a mark alone floats on nothing), not invisible.
const VISIBLE = /[^\p{White_Space}\p{M}\p{C}\p{Default_Ignorable_Code_Point}\u2800]/u;

/** Why `value` would render blank or hide characters, or undefined when it is visible text. */
export function invisibleTextReason(value: string): string | undefined {
  if (INVISIBLE_FILLER.test(value)) return 'contains invisible filler characters';
  if (!VISIBLE.test(value)) return 'must contain a visible character';
  return undefined;
}
