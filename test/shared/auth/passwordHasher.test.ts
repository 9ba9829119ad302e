import {
  DEFAULT_SCRYPT_PARAMS,
  PasswordHasher,
  parseScryptParams,
} from '../../../shared/auth/passwordHasher';
import { loadConfig } from '../../../shared/config/config';

// Cheap parameters for speed; one test below exercises the production defaults.
const fast = new PasswordHasher({ params: { ln: 10, r: 8, p: 1 } });

describe('PasswordHasher', () => {
  it('produces a PHC-style string carrying its parameters, salt and key', async () => {
    expect(await fast.hash('hunter22hunter22')).toMatch(
      /^\$scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/,
    );
  });

  it('uses a fresh salt per hash', async () => {
    const [a, b] = await Promise.all([fast.hash('same password'), fast.hash('same password')]);
    expect(a).not.toBe(b);
  });

  it('verifies the right password and rejects a wrong one', async () => {
    const h = await fast.hash('correct horse');
    expect(await fast.verify('correct horse', h)).toBe(true);
    expect(await fast.verify('correct horsf', h)).toBe(false);
    expect(await fast.verify('', h)).toBe(false);
  });

  it('treats canonically equivalent Unicode as the same password (NFC)', async () => {
    const h = await fast.hash('caf\u00e9 au lait');
    expect(await fast.verify('cafe\u0301 au lait', h)).toBe(true);
  });

  it('verifies with the parameters stored in the hash, not the current ones', async () => {
    const h = await fast.hash('old params');
    const stronger = new PasswordHasher({ params: { ln: 11, r: 8, p: 1 } });
    expect(await stronger.verify('old params', h)).toBe(true);
    expect(stronger.needsRehash(h)).toBe(true);
    expect(fast.needsRehash(h)).toBe(false);
  });

  it('answers false (never throws) for malformed or out-of-bounds stored hashes', async () => {
    const h = await fast.hash('x'.repeat(10));
    const huge = h.replace('ln=10', 'ln=30');
    for (const bad of ['', 'plain', '$scrypt$ln=10,r=8$abc$def', huge, h.replace('r=8', 'r=0')]) {
      expect(await fast.verify('x'.repeat(10), bad)).toBe(false);
    }
  });

  it('verifyDummy does the work and answers false', async () => {
    expect(await fast.verifyDummy('anything')).toBe(false);
  });

  it('defaults to the documented OWASP parameters (N=2^15, r=8, p=3)', async () => {
    expect(DEFAULT_SCRYPT_PARAMS).toEqual({ ln: 15, r: 8, p: 3 });
    const prod = new PasswordHasher();
    const h = await prod.hash('production cost');
    expect(h.startsWith('$scrypt$ln=15,r=8,p=3$')).toBe(true);
    expect(await prod.verify('production cost', h)).toBe(true);
  });
});

describe('PASSWORD_SCRYPT_PARAMS', () => {
  const env = { CosmosDB: 'x', ServiceBusConnection: 'y', JWT_KEYS: `k=${'A'.repeat(43)}` };

  it('parses into parameters', () => {
    expect(parseScryptParams('ln=12,r=8,p=1')).toEqual({ ln: 12, r: 8, p: 1 });
    expect(loadConfig({ ...env, PASSWORD_SCRYPT_PARAMS: 'ln=16,r=8,p=2' }).PASSWORD_SCRYPT_PARAMS).toBe(
      'ln=16,r=8,p=2',
    );
  });

  it.each(['ln=11,r=8,p=1', 'ln=21,r=8,p=1', 'ln=15,r=0,p=1', 'ln=15,r=8,p=17', 'N=32768', ''])(
    'refuses %p at start, naming the setting',
    (value) => {
      expect(() => loadConfig({ ...env, PASSWORD_SCRYPT_PARAMS: value })).toThrow(/PASSWORD_SCRYPT_PARAMS/);
    },
  );
});
