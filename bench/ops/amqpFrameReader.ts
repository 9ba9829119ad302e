import { createRequire } from 'node:module';

const req = createRequire(__filename);

/** The parts of a decoded AMQP performative the counter reads (rhea's frame classes, loosely typed). */
export interface Performative {
  [field: string]: unknown;
}

export interface AmqpFrame {
  type: number;
  channel: number;
  /** rhea's name of the performative: open, begin, attach, flow, transfer, disposition, detach, end, close. */
  name?: string;
  performative?: Performative;
}

interface RheaFrames {
  read_frame(buffer: Buffer): { type: number; channel: number; performative?: Performative } | null;
}
interface RheaTerminus {
  unwrap(field: unknown): { address?: string } | undefined;
}

const frames = req('rhea/lib/frames.js') as RheaFrames;
const terminus = req('rhea/lib/terminus.js') as RheaTerminus;

export function addressOf(field: unknown): string | undefined {
  try {
    return terminus.unwrap(field)?.address;
  } catch {
    return undefined;
  }
}

/**
 * Splits one direction of an AMQP connection into frames, with rhea's codec (the library the SDK and the broker
 * use). Protocol headers (`AMQP` + 4 bytes, before SASL and again before AMQP) are skipped; bytes are never
 * altered, only read.
 */
export class AmqpFrameReader {
  private buffer: Buffer = Buffer.alloc(0);

  push(chunk: Buffer, onFrame: (f: AmqpFrame) => void): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (this.buffer.length >= 8 && this.buffer.toString('ascii', 0, 4) === 'AMQP') {
        this.buffer = this.buffer.subarray(8);
        continue;
      }
      if (this.buffer.length < 4) return;
      const size = this.buffer.readUInt32BE(0);
      if (this.buffer.length < size) return;
      const raw = this.buffer.subarray(0, size);
      this.buffer = this.buffer.subarray(size);
      if (size <= 8) continue; // heartbeat: an empty frame
      const f = frames.read_frame(Buffer.from(raw));
      if (!f) continue;
      // rhea's composite classes print as `<name>#<code>` (attach#12).
      const name = f.performative ? String(f.performative.constructor).split('#')[0] : undefined;
      onFrame({
        type: f.type,
        channel: f.channel,
        ...(name ? { name } : {}),
        ...(f.performative ? { performative: f.performative } : {}),
      });
    }
  }
}
