/**
 * Copies bytes that the broker keeps (message bodies) into large slabs of its own. Node's shared 8 KB pool would
 * put each kept copy next to short-lived buffers (rhea's encoder scratch space), and one kept slice pins a whole
 * slab: memory per queued message would be a multiple of its size. A slab here holds only kept messages, which
 * queues release roughly in order, so whole slabs become garbage together.
 */
const SLAB_BYTES = 256 * 1024;
let slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
let used = 0;

export function keepBytes(source: Buffer, suffix?: Buffer): Buffer {
  if (suffix) return keepBytes(Buffer.concat([source, suffix]));
  const n = source.length;
  if (n > SLAB_BYTES / 4) return Buffer.from(Uint8Array.prototype.slice.call(source));
  if (used + n > SLAB_BYTES) {
    slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
    used = 0;
  }
  const out = slab.subarray(used, used + n);
  source.copy(out);
  // Keep 8-byte alignment so slices never straddle in odd ways; the waste is under 1%.
  used += (n + 7) & ~7;
  return out;
}
