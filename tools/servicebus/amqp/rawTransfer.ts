import { message as rheaMessage } from 'rhea';

/**
 * The bytes of a single-message transfer as the sender encoded them. rhea decodes a format-0 transfer into plain
 * JavaScript values before the broker sees it, which loses the AMQP types of application properties (an `int`
 * became a JavaScript number, re-encoded as a `long`; a `float` a `double`; a `uuid` a string). Azure keeps the
 * sender's bytes, so the broker must too: rhea's decoder is wrapped once to leave the bytes it decoded on the
 * message, under a symbol (not enumerable, so nothing that walks the message sees it).
 */
const RAW = Symbol('servicebus.rawTransfer');
const INSTALLED = Symbol.for('orderflow.servicebus.rawTransferDecoder');

type Decoder = (buffer: Buffer) => unknown;
const codec = rheaMessage as unknown as { decode: Decoder } & Record<symbol, boolean>;

if (!codec[INSTALLED]) {
  const decode = codec.decode;
  codec.decode = function (this: unknown, buffer: Buffer): unknown {
    const msg = decode.call(this, buffer);
    if (msg && typeof msg === 'object') Object.defineProperty(msg, RAW, { value: buffer });
    return msg;
  };
  codec[INSTALLED] = true;
}

/** The encoded bytes `msg` was decoded from, when rhea decoded it from a transfer. */
export function rawBytesOf(msg: unknown): Buffer | undefined {
  if (!msg || typeof msg !== 'object') return undefined;
  const raw = (msg as Record<symbol, unknown>)[RAW];
  return Buffer.isBuffer(raw) ? raw : undefined;
}
