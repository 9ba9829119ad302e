/** A .NET TimeSpan string (`hh:mm:ss`, `d.hh:mm:ss[.fffffff]`, `hh:mm`) in milliseconds; undefined if malformed. */
export function parseTimeSpanMs(text: string): number | undefined {
  const m = /^(?:(\d+)\.)?(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,7}))?)?$/.exec(text.trim());
  if (!m) return undefined;
  const [days, hours, minutes, seconds] = [m[1], m[2], m[3], m[4]].map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
  ];
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  const fraction = m[5] ? Number(`0.${m[5]}`) : 0;
  return Math.round((((days * 24 + hours) * 60 + minutes) * 60 + seconds + fraction) * 1000);
}
