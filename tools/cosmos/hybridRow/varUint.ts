import { HybridRowError } from '../errors';

/** The most bytes a HybridRow varuint takes for a value below 2^32 (7 bits a byte). */
const MAX_VARUINT_BYTES = 5;

/**
 * Reads an unsigned LEB128 integer (7 bits a byte, low group first, high bit = more follows), as HybridRow
 * stores lengths and path tokens. Values past 2^32 are refused: no length or token here can be that large.
 */
export function readVarUint(bytes: Uint8Array, offset: number): { value: number; next: number } {
  let value = 0;
  for (let i = 0; i < MAX_VARUINT_BYTES; i += 1) {
    const at = offset + i;
    if (at >= bytes.length) throw new HybridRowError(`truncated varuint at byte ${offset}`);
    const byte = bytes[at]!;
    value += (byte & 0x7f) * 2 ** (7 * i);
    if ((byte & 0x80) === 0) {
      if (value > 0xffffffff) break;
      return { value, next: at + 1 };
    }
  }
  throw new HybridRowError(`varuint at byte ${offset} is longer than 32 bits`);
}

/** Writes an unsigned LEB128 integer (see readVarUint). */
export function writeVarUint(value: number): Buffer {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff)
    throw new RangeError(`not a 32-bit unsigned integer: ${value}`);
  const out: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  out.push(rest);
  return Buffer.from(out);
}
