import fc from 'fast-check';
import type { RpcTypedData } from '../../../../tools/host/app/coreTypes';
import { mayBeJson, toRpcValue } from '../../../../tools/host/serviceBus/toRpcValue';

/** What @azure/functions' fromRpcTypedData makes of `string` and `json` typed data (src/converters/fromRpcTypedData.ts). */
function asTheWorkerReadsIt(data: RpcTypedData | undefined): unknown {
  if (data?.string !== undefined && data.string !== null) {
    try {
      return JSON.parse(data.string) as unknown;
    } catch {
      return data.string;
    }
  }
  if (data?.json !== undefined && data.json !== null) return JSON.parse(data.json) as unknown;
  throw new Error(`not string or json: ${JSON.stringify(data)}`);
}

/** The worker's reading of a string sent as plain `string` typed data, as the Functions host sends it. */
const asSentAsString = (s: string) => asTheWorkerReadsIt({ string: s });

const edgeCases = [
  '',
  ' ',
  '\t\n\r ',
  '\u00a0',
  '123',
  ' 123 ',
  '-0',
  '01',
  '1.',
  '.5',
  '1e5',
  '1E+5',
  '-',
  'true',
  ' false ',
  'null',
  'nul',
  'True',
  'NaN',
  'Infinity',
  '"quoted"',
  '"unterminated',
  '{"a":1}',
  '{not json',
  '[1,2]',
  '[',
  '2026-12-06T16:00:00.000Z',
  '3f2a9c1e-0d6b-4e8a-9b1c-2d3e4f5a6b7c',
  'e7a1c0de-0000-4000-8000-000000000000:1',
  'application/json',
  '\u2028',
];

describe('strings as trigger metadata', () => {
  it.each(edgeCases)('reach the worker exactly as plain string typed data would: %p', (s) => {
    expect(asTheWorkerReadsIt(toRpcValue(s))).toEqual(asSentAsString(s));
  });

  it('reach the worker exactly as plain string typed data would, for 20,000 generated strings', () => {
    const strings = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.json(),
      fc.double().map(String),
      fc.integer().map((n) => ` ${n}\n`),
      fc.uuid(),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    );
    fc.assert(
      fc.property(strings, (s) => {
        expect(asTheWorkerReadsIt(toRpcValue(s))).toEqual(asSentAsString(s));
        // Never a string JSON.parse accepts sent as anything but `string` (it would change its meaning).
        if (!mayBeJson(s)) expect(() => JSON.parse(s) as unknown).toThrow();
      }),
      { numRuns: 20_000 },
    );
  });

  it('send ids, lock tokens and timestamps without a JSON.parse failure in the worker', () => {
    for (const s of edgeCases.slice(-4)) expect(toRpcValue(s)).toEqual({ json: JSON.stringify(s) });
    expect(toRpcValue(new Date('2026-12-06T16:00:00.000Z'))).toEqual({ json: '"2026-12-06T16:00:00.000Z"' });
    expect(toRpcValue('123')).toEqual({ string: '123' });
  });

  it('take linear time on long whitespace runs (no backtracking trim)', () => {
    const s = `${' '.repeat(200_000)}x${' '.repeat(200_000)}`;
    expect(mayBeJson(s)).toBe(false);
    expect(asTheWorkerReadsIt(toRpcValue(s))).toBe(s);
  });
});
