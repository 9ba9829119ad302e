import { scanSections, SECTION_DATA } from './rheaCodec';

export interface SectionSpan {
  code: number | undefined;
  start: number;
  end: number;
}

/** Byte length of the value at `at` for the encodings message sections use, or undefined for anything else. */
function valueEnd(b: Buffer, at: number): number | undefined {
  const code = b[at];
  switch (code) {
    case 0x40: // null
    case 0x45: // list0
      return at + 1;
    case 0xa0: // vbin8, str8, sym8, list8, map8: one size byte
    case 0xa1:
    case 0xa3:
    case 0xc0:
    case 0xc1:
      return at + 2 + b[at + 1]!;
    case 0xb0: // the same with four size bytes
    case 0xb1:
    case 0xb3:
    case 0xd0:
    case 0xd1:
      return at + 5 + b.readUInt32BE(at + 1);
    default:
      return undefined;
  }
}

/**
 * Where each section of an encoded message starts and ends, read from the encoding's size prefixes without
 * decoding values (the hot path of every send). Falls back to a full rhea read for unusual encodings.
 */
export function sectionOffsets(raw: Buffer): SectionSpan[] {
  const spans: SectionSpan[] = [];
  let at = 0;
  while (at < raw.length) {
    // A section is 0x00, a small-ulong descriptor (0x53 code), then its value.
    if (raw[at] !== 0x00 || raw[at + 1] !== 0x53) return scanSections(raw);
    const code = raw[at + 2]!;
    const end = valueEnd(raw, at + 3);
    if (end === undefined || end > raw.length) return scanSections(raw);
    spans.push({ code, start: at, end });
    at = end;
  }
  return spans;
}

/** The binary payloads of a batch envelope (format 0x80013700): one data section per encoded message. */
export function dataSectionPayloads(envelope: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (const s of sectionOffsets(envelope)) {
    if (s.code !== SECTION_DATA) continue;
    // Spans from the fallback reader carry the decoded value (symbolic descriptors and such).
    if ('value' in s && Buffer.isBuffer(s.value)) {
      out.push(s.value);
      continue;
    }
    const headerBytes = envelope[s.start + 3] === 0xa0 ? 5 : 8;
    out.push(envelope.subarray(s.start + headerBytes, s.end));
  }
  return out;
}
