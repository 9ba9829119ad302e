/**
 * Parses an ISO 8601 duration (`PT1M`, `P14D`, `PT0.5S`) or a .NET TimeSpan (`00:01:00`, `1.00:00:00`) into
 * milliseconds. Both appear in Service Bus configuration; years and months are rejected because their length varies.
 */
export function parseDurationMs(text: string): number {
  const iso =
    /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(
      text.trim(),
    );
  if (iso && text.trim().length > 1 && !/T$/i.test(text.trim())) {
    const [, w, d, h, m, s] = iso.map((v) => (v === undefined ? 0 : Number(v)));
    return Math.round(
      ((((w ?? 0) * 7 + (d ?? 0)) * 24 + (h ?? 0)) * 60 + (m ?? 0)) * 60_000 + (s ?? 0) * 1000,
    );
  }
  const span = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(text.trim());
  if (span) {
    const [, d, h, m, s] = span;
    return Math.round((((Number(d ?? 0) * 24 + Number(h)) * 60 + Number(m)) * 60 + Number(s)) * 1000);
  }
  throw new Error(`Not an ISO 8601 duration or TimeSpan: '${text}'`);
}
