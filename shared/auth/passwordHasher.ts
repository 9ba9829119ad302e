import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt cost parameters: N = 2^ln, block size r, parallelism p. */
export interface ScryptParams {
  ln: number;
  r: number;
  p: number;
}

/**
 * OWASP Password Storage Cheat Sheet (2025), scrypt row "N=2^15 (32 MiB), r=8, p=3": 32 MiB per hash keeps
 * 16 concurrent logins of a Flex Consumption instance within 512 MiB, and p=3 buys the time cost back
 * (about 0.2 s of one core here). The parameters are stored with each hash, so raising them later
 * rehashes users transparently at their next login (`needsRehash`).
 */
export const DEFAULT_SCRYPT_PARAMS: ScryptParams = { ln: 15, r: 8, p: 3 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
// Refuse stored parameters beyond these: a tampered or corrupt document must not make us allocate gigabytes.
const LIMITS = { ln: [10, 20], r: [1, 32], p: [1, 16] } as const;
const FORMAT = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/;

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = {
    N: 2 ** params.ln,
    r: params.r,
    p: params.p,
    // Node's default maxmem (32 MiB) is exactly 128*N*r at ln=15, r=8; leave headroom.
    maxmem: 256 * 2 ** params.ln * params.r,
  };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

function parse(encoded: string): { params: ScryptParams; salt: Buffer; key: Buffer } | undefined {
  const m = FORMAT.exec(encoded);
  if (!m) return undefined;
  const params = { ln: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  for (const name of ['ln', 'r', 'p'] as const) {
    const [min, max] = LIMITS[name];
    if (params[name] < min || params[name] > max) return undefined;
  }
  return { params, salt: Buffer.from(m[4]!, 'base64url'), key: Buffer.from(m[5]!, 'base64url') };
}

/** `ln=15,r=8,p=3` (the PASSWORD_SCRYPT_PARAMS format, validated by the config schema) to parameters. */
export function parseScryptParams(text: string): ScryptParams {
  const m = /^ln=(\d+),r=(\d+),p=(\d+)$/.exec(text);
  if (!m) throw new Error(`not scrypt parameters: ${text}`);
  return { ln: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
}

export interface PasswordHasherInit {
  params?: ScryptParams;
}

/**
 * scrypt password hashes in a PHC-style string, `$scrypt$ln=15,r=8,p=3$<salt>$<key>` (base64url), with a
 * random 16-byte salt per hash. Verification compares in constant time. scrypt runs on libuv's thread
 * pool, so hashing never blocks the event loop.
 */
export class PasswordHasher {
  readonly params: ScryptParams;
  #dummy: Promise<string> | undefined;

  constructor(init: PasswordHasherInit = {}) {
    this.params = init.params ?? DEFAULT_SCRYPT_PARAMS;
  }

  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_BYTES);
    const key = await derive(password, salt, this.params);
    const { ln, r, p } = this.params;
    return `$scrypt$ln=${ln},r=${r},p=${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
  }

  /** False for a wrong password and for an unparseable hash; never throws on bad input. */
  async verify(password: string, encoded: string): Promise<boolean> {
    const parsed = parse(encoded);
    if (!parsed) return false;
    const key = await derive(password, parsed.salt, parsed.params);
    return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
  }

  /**
   * Spends the same time as a real verification and answers false: used when the email is unknown, so
   * the response time does not tell whether an account exists.
   */
  async verifyDummy(password: string): Promise<false> {
    this.#dummy ??= this.hash(randomBytes(16).toString('base64url'));
    await this.verify(password, await this.#dummy);
    return false;
  }

  needsRehash(encoded: string): boolean {
    const parsed = parse(encoded);
    if (!parsed) return true;
    const { ln, r, p } = parsed.params;
    return ln !== this.params.ln || r !== this.params.r || p !== this.params.p;
  }
}
