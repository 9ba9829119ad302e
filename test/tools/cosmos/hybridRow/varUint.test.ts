import { HybridRowError } from '../../../../tools/cosmos/errors';
import { readVarUint, writeVarUint } from '../../../../tools/cosmos/hybridRow/varUint';

describe('varuint (HybridRow lengths and path tokens)', () => {
  it('round-trips values at every 7-bit boundary up to 2^32 - 1', () => {
    for (const value of [
      0, 1, 0x7f, 0x80, 0x3fff, 0x4000, 0x1fffff, 0x200000, 0xfffffff, 0x10000000, 0xffffffff,
    ]) {
      const bytes = writeVarUint(value);
      expect(readVarUint(bytes, 0)).toEqual({ value, next: bytes.length });
    }
  });

  it('writes the low 7 bits first with the high bit as "more follows"', () => {
    expect([...writeVarUint(300)]).toEqual([0xac, 0x02]);
    expect([...writeVarUint(0x57)]).toEqual([0x57]);
  });

  it('refuses a truncated or over-long varuint instead of reading past the end', () => {
    expect(() => readVarUint(Buffer.from([0x80, 0x80]), 0)).toThrow(HybridRowError);
    expect(() => readVarUint(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0x01]), 0)).toThrow(HybridRowError);
    expect(() => readVarUint(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x7f]), 0)).toThrow(HybridRowError);
  });
});
