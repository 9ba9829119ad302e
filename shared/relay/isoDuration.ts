const PATTERN = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Milliseconds of an ISO 8601 duration limited to days, hours, minutes and seconds (`PT24H`, `P1DT30M`). */
export function isoDurationMs(value: string): number {
  const m = PATTERN.exec(value);
  if (!m || value === 'P' || value.endsWith('T')) throw new RangeError(`not an ISO 8601 duration: ${value}`);
  const [d, h, min, s] = [m[1], m[2], m[3], m[4]].map((x) => Number(x ?? 0)) as [
    number,
    number,
    number,
    number,
  ];
  return (((d * 24 + h) * 60 + min) * 60 + s) * 1000;
}
