import { types } from 'rhea';
import { keepBytes } from '../broker/bufferArena';
import { scanSections, SECTION_PROPERTIES } from './rheaCodec';
import { sectionOffsets } from './sectionOffsets';

/**
 * Edits of a stored bare message that keep the rest of it as the sender encoded it (AMQP types included), as
 * Azure does: merging application properties (dead-letter reason, properties to modify) and leaving out the body.
 */
const SECTION_APPLICATION_PROPERTIES = 0x74;
const BODY_SECTIONS = new Set([0x75, 0x76, 0x77]);

interface TypedInternals {
  Map32(items: unknown[]): unknown;
  described_nc(descriptor: unknown, value: unknown): unknown;
  Writer: new () => { write(o: unknown): void; toBuffer(): Buffer };
}
const t = types as unknown as TypedInternals & typeof types;

/**
 * A value whose AMQP type is unknown (it arrived decoded, e.g. in a disposition's properties to modify): integers
 * as `int` when they fit and `long` otherwise (the types .NET and Java send for them), others as rhea wraps them.
 */
function wrapUntyped(v: unknown): unknown {
  if (typeof v === 'number' && Number.isInteger(v))
    return v >= -0x80000000 && v <= 0x7fffffff ? types.wrap_int(v) : types.wrap_long(v);
  return types.wrap(v);
}

/** `bare` with `changes` set in its application properties; every other property and section keeps its bytes. */
export function mergeApplicationProperties(bare: Buffer, changes: Record<string, unknown>): Buffer {
  const spans = sectionOffsets(bare);
  const existing = spans.find((s) => s.code === SECTION_APPLICATION_PROPERTIES);
  const items: unknown[] = [];
  if (existing) {
    const [section] = scanSections(bare.subarray(existing.start, existing.end));
    const pairs = (section?.value ?? []) as Array<{ value: unknown }>;
    for (let i = 0; i + 1 < pairs.length; i += 2) {
      if (Object.hasOwn(changes, String(pairs[i]!.value))) continue;
      items.push(pairs[i], pairs[i + 1]);
    }
  }
  for (const [k, v] of Object.entries(changes)) items.push(types.wrap_string(k), wrapUntyped(v));
  const writer = new t.Writer();
  writer.write(t.described_nc(types.wrap_ulong(SECTION_APPLICATION_PROPERTIES), t.Map32(items)));
  const section = writer.toBuffer();
  // AMQP 1.0 §3.2: application-properties follows properties and precedes the body.
  const at = existing?.start ?? spans.find((s) => s.code === SECTION_PROPERTIES)?.end ?? 0;
  const after = existing?.end ?? at;
  return keepBytes(Buffer.concat([bare.subarray(0, at), section, bare.subarray(after)]));
}

/** `bare` without its body sections (peek with omit-message-body). */
export function withoutBodySections(bare: Buffer): Buffer {
  const kept = sectionOffsets(bare)
    .filter((s) => s.code === undefined || !BODY_SECTIONS.has(s.code))
    .map((s) => bare.subarray(s.start, s.end));
  return Buffer.concat(kept);
}
