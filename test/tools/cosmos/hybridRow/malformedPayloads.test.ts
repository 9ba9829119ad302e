import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { crc32 } from 'node:zlib';
import { CosmosWireError, HybridRowError } from '../../../../tools/cosmos/errors';
import { decodeBatchOperations } from '../../../../tools/cosmos/hybridRow/decodeBatchOperations';

const request = readFileSync(join(__dirname, 'fixtures', 'dotnetBatchRequest.bin'));

/** What a bad payload may do: a decode error or a 400 for its JSON body, never anything else. */
function refusedCleanly(bytes: Buffer): boolean {
  try {
    decodeBatchOperations(bytes);
    return true;
  } catch (err) {
    return err instanceof HybridRowError || (err instanceof CosmosWireError && err.status === 400);
  }
}

describe('HybridRow batch decoding of bad input', () => {
  it('refuses a body cut inside a row with a decode error (a cut between records leaves fewer operations)', () => {
    const whole = decodeBatchOperations(request);
    let refused = 0;
    for (let length = 1; length < request.length; length += 1) {
      let ops: unknown[];
      try {
        ops = decodeBatchOperations(request.subarray(0, length));
      } catch (err) {
        expect(err).toBeInstanceOf(HybridRowError);
        refused += 1;
        continue;
      }
      expect(ops.length).toBeLessThan(whole.length);
      expect(ops).toEqual(whole.slice(0, ops.length));
    }
    // Every cut but the record boundaries (after the segment and after each of the first five records).
    expect(refused).toBe(request.length - 1 - whole.length);
  });

  it('refuses a record whose bytes were changed (CRC-32)', () => {
    const bad = Buffer.from(request);
    bad[40] = bad[40]! ^ 0x01;
    expect(() => decodeBatchOperations(bad)).toThrow(/CRC-32/);
  });

  it('refuses an operation type a batch cannot carry', () => {
    const bad = Buffer.from(request);
    // The first record's operationType (int32 after its 5-byte header and 1-byte bitmask) set to 3, ReadFeed;
    // its CRC-32 (record header bytes 9-12) recomputed so only the type is wrong.
    const body = bad.subarray(23, 23 + bad.readInt32LE(15));
    body.writeInt32LE(3, 6);
    bad.writeUInt32LE(crc32(body), 19);
    expect(() => decodeBatchOperations(bad)).toThrow(/operation type 3 is not supported/);
  });

  it('never fails otherwise on random corruption of a real request (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(request.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        (edits) => {
          const bytes = Buffer.from(request);
          for (const [at, value] of edits) bytes[at] = value;
          return refusedCleanly(bytes);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
