import fc from 'fast-check';
import { ApiClient, type ApiResponse } from '../../support/apiClient';
import { startStack, type Stack } from '../../support/stack';

let stack: Stack;
let api: ApiClient;

beforeAll(async () => {
  stack = await startStack();
  api = new ApiClient(stack.baseUrl);
});
afterAll(() => stack?.close());

// Strings that stress the parsers: full Unicode including lone surrogates and controls, plus near-misses.
const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\ud800',
    '\udfff',
    '\u202e',
    'a'.repeat(600),
    'rt1.' + 'a'.repeat(150),
    '__proto__',
    'constructor',
  ),
);
const value: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: nasty },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null)) },
  { weight: 1, arbitrary: fc.array(nasty, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(nasty, nasty, { maxKeys: 3 }) },
);
const emailAt = (domain: string): fc.Arbitrary<string> =>
  fc.stringMatching(/^[a-z0-9]{1,12}$/).map((local) => `fuzz-${local}@${domain}`);
const validEmail = emailAt('orderflow.test');
// Never registered (this stack has no broker: a reset email for a real account could not be sent).
const unregisteredEmail = emailAt('nobody.test');
const validPassword = fc.string({ unit: 'grapheme', minLength: 8, maxLength: 30 });
// Well-formed but unknown tokens reach the stores (Cosmos point reads), not just the schema.
const refreshToken = fc
  .tuple(fc.uuid(), fc.uuid(), fc.uuid(), fc.stringMatching(/^[A-Za-z0-9_-]{43}$/))
  .map((p) => `rt1.${p.join('.')}`);
const resetToken = fc.stringMatching(/^[A-Za-z0-9._~-]{16,100}$/);

interface Shape {
  /** Bodies shaped like the endpoint's, from valid to hostile. */
  bodies: fc.Arbitrary<unknown>;
  /**
   * Fully valid bodies that always run (fast-check's `examples`), drawn with a fixed seed: the domain code is
   * reached by construction, whatever the random part of the run generates.
   */
  examples: unknown[];
}

/**
 * Bodies shaped like the endpoint's: a third fully valid (so the domain code runs), the rest a valid body
 * with one field made hostile, partial records of hostile values, extra keys, or any JSON at all.
 */
function shaped(valid: Record<string, fc.Arbitrary<unknown>>): Shape {
  const keys = Object.keys(valid);
  const good = fc.record(valid);
  const examples = fc.sample(good, { numRuns: 2, seed: 20261206 });
  const bodies = fc.oneof(
    { weight: 3, arbitrary: good },
    {
      weight: 2,
      arbitrary: fc.tuple(good, fc.constantFrom(...keys), value).map(([b, k, v]) => ({ ...b, [k]: v })),
    },
    {
      weight: 1,
      arbitrary: fc.record(Object.fromEntries(keys.map((k) => [k, value])), { requiredKeys: [] }),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(good, fc.dictionary(fc.string({ maxLength: 8 }), value, { minKeys: 1, maxKeys: 2 }))
        .map(([a, b]) => ({ ...a, ...b })),
    },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
  return { bodies, examples };
}

// For each endpoint: the valid shape, and the statuses that prove a fully valid body reached the domain.
// Runs are fewer where a valid body is slow by design (scrypt, the forgot-password time floor).
const endpoints: Array<[string, Shape, number[], number]> = [
  [
    '/api/auth/register',
    shaped({ email: validEmail, password: validPassword, name: fc.constantFrom('Fuzz', 'Zoë', '李') }),
    [201, 409],
    20,
  ],
  ['/api/auth/login', shaped({ email: validEmail, password: validPassword }), [401, 429], 20],
  ['/api/auth/refresh', shaped({ refreshToken }), [401], 30],
  ['/api/auth/logout', shaped({ refreshToken }), [204], 30],
  ['/api/auth/password/forgot', shaped({ email: unregisteredEmail }), [202], 12],
  ['/api/auth/password/reset', shaped({ token: resetToken, password: validPassword }), [400], 30],
];

function expectClientError(res: ApiResponse, what: string): void {
  if (res.status >= 500) throw new Error(`${what} -> ${res.status}: ${res.text}`);
  if (res.status >= 400) {
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.body.requestId).toBe(res.headers.get('x-request-id'));
  }
}

describe('fuzzing every auth request body: never a 5xx', () => {
  it.each(endpoints)('%s: JSON bodies', async (path, shape, deep, numRuns) => {
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(shape.bodies, async (b) => {
        const res = await api.post(path, b === undefined ? null : b);
        statuses.add(res.status);
        expectClientError(res, `${path} ${JSON.stringify(b)}`);
      }),
      { numRuns, examples: shape.examples.map((b) => [b]) },
    );
    // Deterministic: the valid examples always run, and a valid body must reach the domain.
    expect([...statuses].filter((s) => deep.includes(s))).not.toEqual([]);
  });

  it.each(endpoints.map(([p]) => p))('%s: raw bytes and odd content types', async (path) => {
    const raw = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.uint8Array({ maxLength: 200 }));
    const contentType = fc.constantFrom(
      'application/json',
      'application/json; charset=utf-16',
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/problem+json',
    );
    await fc.assert(
      fc.asyncProperty(raw, contentType, async (r, ct) => {
        const bytes = typeof r === 'string' ? new TextEncoder().encode(r) : new Uint8Array(r);
        const res = await api.call(path, { method: 'POST', raw: bytes, headers: { 'content-type': ct } });
        expectClientError(res, `${path} ${ct} ${Buffer.from(bytes).toString('hex')}`);
        expect(res.status).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: 25 },
    );
  });

  it('GET /api/auth/me with hostile Authorization headers: 401, never 5xx', async () => {
    const header = fc.oneof(
      fc.string({
        unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
        maxLength: 300,
      }),
      fc.base64String({ maxLength: 200 }).map((s) => `Bearer ${s}`),
      fc
        .tuple(fc.base64String(), fc.base64String(), fc.base64String())
        .map(([a, b, c]) => `Bearer ${a}.${b}.${c}`),
    );
    await fc.assert(
      fc.asyncProperty(header, async (h) => {
        const res = await api.get('/api/auth/me', { headers: { authorization: h } });
        expectClientError(res, `authorization ${JSON.stringify(h)}`);
        expect(res.status).toBe(401);
      }),
      { numRuns: 60 },
    );
  });
});
