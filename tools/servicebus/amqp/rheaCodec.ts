import { message as rheaMessage, types, type Message, type Typed } from 'rhea';

/**
 * The few rhea encoding internals the broker needs, typed once here (rhea's typings omit Reader/Writer and the
 * composite section constructors).
 */
interface RheaReader {
  position: number;
  read(): { descriptor?: { value: unknown }; value: unknown };
  remaining(): number;
}
interface RheaWriter {
  write(o: unknown): void;
  toBuffer(): Buffer;
}
interface RheaInternals {
  Reader: new (buffer: Buffer) => RheaReader;
  Writer: new () => RheaWriter;
}
interface SectionFactory {
  header(fields: Record<string, unknown>): { described(): unknown };
  properties(fields: Record<string, unknown>): { described(): unknown };
}

const internals = types as unknown as RheaInternals;
const sections = rheaMessage as unknown as SectionFactory;

export const SECTION_HEADER = 0x70;
export const SECTION_DELIVERY_ANNOTATIONS = 0x71;
export const SECTION_MESSAGE_ANNOTATIONS = 0x72;
export const SECTION_DATA = 0x75;

const symbolicCodes: Record<string, number> = {
  'amqp:header:list': 0x70,
  'amqp:delivery-annotations:map': 0x71,
  'amqp:message-annotations:map': 0x72,
  'amqp:data:binary': 0x75,
};

function sectionCode(descriptor: unknown): number | undefined {
  if (typeof descriptor === 'number') return descriptor;
  if (typeof descriptor === 'string') return symbolicCodes[descriptor];
  return undefined;
}

/** Splits an encoded message into its sections: [code, start offset, end offset, decoded value]. */
export function scanSections(
  raw: Buffer,
): Array<{ code: number | undefined; start: number; end: number; value: unknown }> {
  const reader = new internals.Reader(raw);
  const result = [];
  while (reader.remaining() > 0) {
    const start = reader.position;
    const section = reader.read();
    result.push({
      code: sectionCode(section.descriptor?.value),
      start,
      end: reader.position,
      value: section.value,
    });
  }
  return result;
}

/**
 * Offset where the bare message starts: everything after the header and annotation sections, which the broker
 * replaces on every delivery (AMQP 1.0 §3.2: the bare message is immutable, annotations are not).
 */
export function bareMessageOffset(raw: Buffer): number {
  for (const s of scanSections(raw)) {
    if (
      s.code !== SECTION_HEADER &&
      s.code !== SECTION_DELIVERY_ANNOTATIONS &&
      s.code !== SECTION_MESSAGE_ANNOTATIONS
    ) {
      return s.start;
    }
  }
  return raw.length;
}

/** The binary payloads of a batch envelope (format 0x80013700): one data section per encoded message. */
export function dataSections(envelope: Buffer): Buffer[] {
  return scanSections(envelope)
    .filter((s) => s.code === SECTION_DATA)
    .map((s) => s.value as Buffer);
}

export function encodeMessage(msg: Message | Record<string, unknown>): Buffer {
  return rheaMessage.encode(msg);
}

export function decodeMessage(raw: Buffer): Message {
  return rheaMessage.decode(raw) as unknown as Message;
}

/** Encodes the header and message-annotations sections that precede a stored bare message on delivery. */
export function encodeDeliveryPrefix(
  header: Record<string, unknown>,
  annotations: Record<string, unknown>,
): Buffer {
  const writer = new internals.Writer();
  writer.write(sections.header(header).described());
  writer.write(
    types.described_nc(types.wrap_ulong(SECTION_MESSAGE_ANNOTATIONS), types.wrap_symbolic_map(annotations)),
  );
  return writer.toBuffer();
}

export const wrapLong = (n: number): Typed => types.wrap_long(n);
export const wrapUuid = (bytes: Buffer): Typed => types.wrap_uuid(bytes);
export const wrapArray = (items: unknown[], typecode: number): Typed =>
  types.wrap_array(items, typecode, undefined);
export const wrapMap = (m: Record<string, unknown>): Typed => types.wrap_map(m);
export const wrapTimestamp = (ms: number): Typed => types.wrap_timestamp(ms);
export const wrapInt = (n: number): Typed => types.wrap_int(n);
export const wrapBinary = (b: Buffer): Typed => types.wrap_binary(b);

interface OutcomeFactory {
  accepted(): { described(): unknown };
  rejected(fields: { error: { condition: string; description: string } }): { described(): unknown };
}
const outcomes = rheaMessage as unknown as OutcomeFactory;

/** Delivery states for settling a transfer. */
export const acceptedOutcome = (): unknown => outcomes.accepted().described();
export const rejectedOutcome = (error: { condition: string; description: string }): unknown =>
  outcomes.rejected({ error }).described();

/** Message annotations as a self-contained AMQP map (for the log file). */
export function encodeAnnotationMap(annotations: Record<string, unknown>): Buffer {
  const writer = new internals.Writer();
  writer.write(types.wrap_symbolic_map(annotations));
  return writer.toBuffer();
}

export function decodeAnnotationMap(bytes: Buffer): Record<string, unknown> {
  const reader = new internals.Reader(bytes);
  return types.unwrap_map_simple(reader.read());
}

export const SECTION_PROPERTIES = 0x73;

/** Encodes a properties section (message_id, group_id...) from a decoded message's fields. */
export function encodePropertiesSection(fields: Record<string, unknown>): Buffer {
  const writer = new internals.Writer();
  writer.write(sections.properties(fields).described());
  return writer.toBuffer();
}
