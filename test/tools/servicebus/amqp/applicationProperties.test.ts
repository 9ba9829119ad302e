import { message as rheaMessage, types } from 'rhea';
import {
  applyEdits,
  mergeApplicationProperties,
  withoutBodySections,
} from '../../../../tools/servicebus/amqp/applicationProperties';
import { bareMessageOffset, scanSections } from '../../../../tools/servicebus/amqp/rheaCodec';

/** A bare message as a sender encodes it (header and annotations stripped, as the broker stores it). */
function bare(msg: Record<string, unknown>): Buffer {
  const raw = rheaMessage.encode(msg);
  return raw.subarray(bareMessageOffset(raw));
}

const sectionCodes = (b: Buffer): unknown[] => scanSections(b).map((s) => s.code);

/** Application property name -> rhea encoding name (SmallInt, Short, Str8...). */
function encodings(b: Buffer): Record<string, string> {
  const section = scanSections(b).find((s) => s.code === 0x74);
  const items = (section?.value ?? []) as Array<{ value: unknown; type: { name: string } }>;
  const out: Record<string, string> = {};
  for (let i = 0; i < items.length; i += 2) out[String(items[i]!.value)] = items[i + 1]!.type.name;
  return out;
}

describe('application properties edited in place', () => {
  const typed = bare({
    message_id: 'm',
    subject: 's',
    application_properties: { short: types.wrap_short(3), float: types.wrap_float(1.5), keep: 'x' },
    body: 'body',
  });

  it('sets and replaces keys, keeping the others as encoded, and an untyped integer becomes an int', () => {
    const out = mergeApplicationProperties(typed, { keep: 'y', attempt: 3, big: 2 ** 40, ratio: 0.5 });
    expect(encodings(out)).toEqual({
      short: 'Short',
      float: 'Float',
      keep: 'Str8',
      attempt: 'SmallInt',
      big: 'Long',
      ratio: 'Double',
    });
    expect(rheaMessage.decode(out)).toMatchObject({
      message_id: 'm',
      subject: 's',
      body: 'body',
      application_properties: { short: 3, float: 1.5, keep: 'y', attempt: 3, big: 2 ** 40, ratio: 0.5 },
    });
  });

  it('adds the section after properties and before the body when the message had none', () => {
    const plain = bare({ message_id: 'p', body: 'b' });
    const out = mergeApplicationProperties(plain, { DeadLetterReason: 'r' });
    expect(sectionCodes(out)).toEqual([0x73, 0x74, 0x77]);
    // A body alone (rhea always writes a properties section, other senders need not).
    const body = scanSections(plain).find((s) => s.code === 0x77)!;
    const noProperties = plain.subarray(body.start, body.end);
    expect(sectionCodes(mergeApplicationProperties(noProperties, { k: 1 }))).toEqual([0x74, 0x77]);
  });

  it('applies a rule action: only what it set or removed changes; a system property rewrites properties', () => {
    const before = rheaMessage.decode(typed) as unknown as Record<string, unknown>;
    const after = structuredClone(before);
    const props = after.application_properties as Record<string, unknown>;
    delete props.keep;
    props.routed = 'big';
    expect(applyEdits(typed, before, structuredClone(before))).toBe(typed);
    const edited = applyEdits(typed, before, after);
    expect(encodings(edited)).toEqual({ short: 'Short', float: 'Float', routed: 'Str8' });
    const withTo = applyEdits(typed, before, { ...after, to: 'vip' });
    expect(rheaMessage.decode(withTo)).toMatchObject({ to: 'vip', message_id: 'm', subject: 's' });
    expect(encodings(withTo)).toEqual({ short: 'Short', float: 'Float', routed: 'Str8' });
  });

  it('leaves out the body sections only', () => {
    expect(sectionCodes(withoutBodySections(typed))).toEqual([0x73, 0x74]);
  });
});
