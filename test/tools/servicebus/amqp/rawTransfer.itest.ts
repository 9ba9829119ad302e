import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create_container, message as rheaMessage, types, type Connection, type EventContext } from 'rhea';
import { rawBytesOf } from '../../../../tools/servicebus/amqp/rawTransfer';
import { receiveExactly, startHarness } from '../harness';

/**
 * Issue 12 (difference B): application properties keep the AMQP types the sender encoded, through storage and a
 * restart, as in Azure (where a .NET `int` comes back an `int`). rhea decodes a single-message transfer to plain
 * JavaScript values, so the broker re-encoded them wider (an int as a uint or long, a float as a double, a uuid as
 * binary...). Sent and received here with raw rhea, and the types read from the delivered bytes.
 */
const uuid = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
const sent: Record<string, unknown> = {
  int: types.wrap_int(7),
  negInt: types.wrap_int(-7),
  long: types.wrap_long(7),
  short: types.wrap_short(7),
  byte: types.wrap_byte(7),
  ubyte: types.wrap_ubyte(7),
  ushort: types.wrap_ushort(7),
  uint: types.wrap_uint(7),
  ulong: types.wrap_ulong(7),
  float: types.wrap_float(1.5),
  double: types.wrap_double(1.5),
  timestamp: types.wrap_timestamp(1_700_000_000_000),
  uuid: types.wrap_uuid(uuid),
  binary: types.wrap_binary(Buffer.from('bin')),
  string: 'text',
  boolean: true,
};
const expectedTypes = {
  int: 'Int',
  negInt: 'Int',
  long: 'Long',
  short: 'Short',
  byte: 'Byte',
  ubyte: 'Ubyte',
  ushort: 'Ushort',
  uint: 'Uint',
  ulong: 'Ulong',
  float: 'Float',
  double: 'Double',
  timestamp: 'Timestamp',
  uuid: 'Uuid',
  binary: 'Binary',
  string: 'String',
  boolean: 'Boolean',
};

interface TypedValue {
  type: { name: string };
  value: unknown;
}
const reader = types as unknown as {
  Reader: new (b: Buffer) => {
    read(): TypedValue & { descriptor?: { value: unknown } };
    remaining(): number;
  };
};

/** rhea names encodings (SmallInt, Vbin8, True...): the AMQP type each stands for. */
function amqpType(encoding: string): string {
  const name = encoding.replace(/^Small/, '').replace(/0$/, '');
  if (/^Vbin/.test(name)) return 'Binary';
  if (/^Str\d/.test(name)) return 'String';
  if (name === 'True' || name === 'False') return 'Boolean';
  return name;
}

/** Application property name -> AMQP type name, read from an encoded message. */
function applicationPropertyTypes(raw: Buffer): Record<string, string> {
  const r = new reader.Reader(raw);
  while (r.remaining() > 0) {
    const section = r.read();
    const code = section.descriptor?.value;
    if (code !== 0x74 && code !== 'amqp:application-properties:map') continue;
    const items = section.value as TypedValue[];
    const out: Record<string, string> = {};
    for (let i = 0; i < items.length; i += 2)
      out[String(items[i]!.value)] = amqpType(items[i + 1]!.type.name);
    return out;
  }
  return {};
}

function connect(port: number): Promise<Connection> {
  const connection = create_container().connect({ host: '127.0.0.1', port });
  return new Promise((resolve) => connection.once('connection_open', () => resolve(connection)));
}

async function sendTyped(port: number, address: string, body: string): Promise<void> {
  const connection = await connect(port);
  const sender = connection.open_sender({ target: { address } });
  await new Promise<void>((resolve, reject) => {
    sender.once('sendable', () => sender.send({ message_id: body, body, application_properties: sent }));
    sender.once('accepted', () => resolve());
    sender.once('rejected', (ctx: EventContext) =>
      reject(new Error(JSON.stringify(ctx.delivery?.remote_state))),
    );
  });
  connection.close();
}

async function receiveRaw(port: number, address: string): Promise<Buffer> {
  const connection = await connect(port);
  const receiver = connection.open_receiver({ source: { address }, autoaccept: false, credit_window: 1 });
  const raw = await new Promise<Buffer>((resolve) =>
    receiver.once('message', (ctx: EventContext) => {
      ctx.delivery!.accept();
      resolve(rawBytesOf(ctx.message)!);
    }),
  );
  connection.close();
  return raw;
}

describe('Service Bus emulator: application property types as sent (issue 12, difference B)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-types-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps int, long, short, byte, unsigned, float, double, timestamp, uuid and binary, across a restart', async () => {
    let h = await startHarness({ dataDir });
    try {
      await sendTyped(h.emulator.port, 'work', 'first');
      await sendTyped(h.emulator.port, 'work', 'second');
      expect(applicationPropertyTypes(await receiveRaw(h.emulator.port, 'work'))).toEqual(expectedTypes);
    } finally {
      await h.close();
    }
    h = await startHarness({ dataDir });
    try {
      expect(applicationPropertyTypes(await receiveRaw(h.emulator.port, 'work'))).toEqual(expectedTypes);
    } finally {
      await h.close();
    }
  });

  it('keeps them through properties to modify and a dead-letter, which add their own (an integer as int)', async () => {
    const h = await startHarness();
    try {
      await sendTyped(h.emulator.port, 'competing', 'modified');
      const receiver = h.client.createReceiver('competing');
      const [m] = await receiveExactly(receiver, 1);
      await receiver.abandonMessage(m!, { attempt: 3 });
      const [again] = await receiveExactly(receiver, 1);
      await receiver.deadLetterMessage(again!, {
        deadLetterReason: 'typed',
        deadLetterErrorDescription: 'kept',
      });
      await receiver.close();
      expect(
        applicationPropertyTypes(await receiveRaw(h.emulator.port, 'competing/$DeadLetterQueue')),
      ).toEqual({
        ...expectedTypes,
        attempt: 'Int',
        DeadLetterReason: 'String',
        DeadLetterErrorDescription: 'String',
      });
    } finally {
      await h.close();
    }
  });

  it('keeps them through a SQL rule action, which re-encodes only what it sets (SET routed; SET sys.To)', async () => {
    const h = await startHarness();
    try {
      // big-orders: amount >= 100 AND sys.Label LIKE 'ord%' AND region NOT IN ('blocked'); SET routed, sys.To.
      const connection = await connect(h.emulator.port);
      const sender = connection.open_sender({ target: { address: 'events' } });
      await new Promise<void>((resolve, reject) => {
        sender.once('sendable', () =>
          sender.send({
            message_id: 'ruled',
            subject: 'order',
            body: 'ruled',
            application_properties: { ...sent, amount: types.wrap_int(150), region: 'eu' },
          }),
        );
        sender.once('accepted', () => resolve());
        sender.once('rejected', () => reject(new Error('rejected')));
      });
      connection.close();
      const raw = await receiveRaw(h.emulator.port, 'events/Subscriptions/big-orders');
      expect(applicationPropertyTypes(raw)).toEqual({
        ...expectedTypes,
        amount: 'Int',
        region: 'String',
        routed: 'String',
      });
      const decoded = rheaMessage.decode(raw) as { to?: string; message_id?: string; subject?: string };
      expect(decoded).toMatchObject({ to: 'vip', message_id: 'ruled', subject: 'order' });
    } finally {
      await h.close();
    }
  });
});
