import { isoDurationMs } from '../../../shared/relay/isoDuration';

describe('isoDurationMs', () => {
  it('reads days, hours, minutes and seconds', () => {
    expect(isoDurationMs('PT24H')).toBe(86_400_000);
    expect(isoDurationMs('P1DT1H1M1S')).toBe(90_061_000);
    expect(isoDurationMs('PT2S')).toBe(2000);
  });
  it('rejects what is not a duration', () => {
    expect(() => isoDurationMs('24h')).toThrow(RangeError);
    expect(() => isoDurationMs('PT')).toThrow(RangeError);
  });
});
