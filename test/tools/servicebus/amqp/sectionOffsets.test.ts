import { message } from 'rhea';
import { dataSectionPayloads, sectionOffsets } from '../../../../tools/servicebus/amqp/sectionOffsets';
import { scanSections } from '../../../../tools/servicebus/amqp/rheaCodec';

const encode = (m: Record<string, unknown>) => message.encode(m);

describe('sectionOffsets', () => {
  it('finds the same sections as a full decode, for small and large (32-bit size) sections', () => {
    for (const size of [10, 300, 70_000]) {
      const raw = encode({
        durable: true,
        message_id: 'm',
        message_annotations: { 'x-opt-partition-key': 'p' },
        application_properties: { a: 'x'.repeat(size) },
        body: message.data_section(Buffer.alloc(size, 1)),
      });
      expect(sectionOffsets(raw)).toEqual(
        scanSections(raw).map(({ code, start, end }) => ({ code, start, end })),
      );
    }
  });

  it('splits a batch envelope into the encoded messages', () => {
    const one = encode({ message_id: '1', body: message.data_section(Buffer.from('a')) });
    const two = encode({ message_id: '2', body: message.data_section(Buffer.alloc(400, 2)) });
    const envelope = encode({ message_id: '1', body: message.data_sections([one, two]) });
    expect(dataSectionPayloads(envelope)).toEqual([one, two]);
  });
});
