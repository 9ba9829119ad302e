import { types } from 'rhea';
import { keepBytes } from '../broker/bufferArena';
import { encodePropertiesSection, scanSections, SECTION_PROPERTIES } from './rheaCodec';
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

/**
 * `bare` with `changes` set in its application properties and `removed` taken out; every other property and
 * section keeps its bytes. `properties` replaces the properties section when given (a rule action set one).
 */
export function mergeApplicationProperties(
  bare: Buffer,
  changes: Record<string, unknown>,
  removed: ReadonlySet<string> = new Set(),
  properties?: Record<string, unknown>,
): Buffer {
  let spans = sectionOffsets(bare);
  if (properties) {
    const old = spans.find((s) => s.code === SECTION_PROPERTIES);
    bare = Buffer.concat([
      bare.subarray(0, old?.start ?? 0),
      encodePropertiesSection(properties),
      bare.subarray(old?.end ?? 0),
    ]);
    spans = sectionOffsets(bare);
  }
  const existing = spans.find((s) => s.code === SECTION_APPLICATION_PROPERTIES);
  const items: unknown[] = [];
  if (existing) {
    const [section] = scanSections(bare.subarray(existing.start, existing.end));
    const pairs = (section?.value ?? []) as Array<{ value: unknown }>;
    for (let i = 0; i + 1 < pairs.length; i += 2) {
      const key = String(pairs[i]!.value);
      if (Object.hasOwn(changes, key) || removed.has(key)) continue;
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

const PROPERTY_FIELDS = [
  'message_id',
  'user_id',
  'to',
  'subject',
  'reply_to',
  'correlation_id',
  'content_type',
  'content_encoding',
  'absolute_expiry_time',
  'creation_time',
  'group_id',
  'group_sequence',
  'reply_to_group_id',
] as const;

const isDate = (x: unknown): x is Date => Object.prototype.toString.call(x) === '[object Date]';

/**
 * Equal values: the action's copy is a structured clone, so dates and byte arrays are new objects (and, under a
 * test runner's sandbox, of another realm: hence no `instanceof Date`).
 */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isDate(a) && isDate(b)) return a.getTime() === b.getTime();
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b))
    return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
      Buffer.from(b.buffer, b.byteOffset, b.byteLength),
    );
  return false;
}

/**
 * The bare message after a rule action edited the decoded copy `after` of `before`: only what the action changed
 * is re-encoded (application properties set or removed; the properties section if a system property was set).
 */
export function applyEdits(
  bare: Buffer,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Buffer {
  const was = (before.application_properties ?? {}) as Record<string, unknown>;
  const now = (after.application_properties ?? {}) as Record<string, unknown>;
  const changes: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(now)) if (!Object.hasOwn(was, k) || !same(was[k], v)) changes[k] = v;
  const removed = new Set(Object.keys(was).filter((k) => !Object.hasOwn(now, k)));
  const propertiesChanged = PROPERTY_FIELDS.some((f) => !same(before[f], after[f]));
  if (Object.keys(changes).length === 0 && removed.size === 0 && !propertiesChanged) return bare;
  return mergeApplicationProperties(bare, changes, removed, propertiesChanged ? after : undefined);
}
