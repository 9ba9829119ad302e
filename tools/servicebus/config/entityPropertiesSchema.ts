import { z } from 'zod';
import { parseDurationMs } from './isoDuration';
import { defaultEntityProperties, type EntityProperties } from './NamespaceConfig';

/**
 * Entity properties as written in infra/topology.json (camelCase) or the official emulator's Config.json
 * (PascalCase). Keys are matched case-insensitively, so one schema serves both files.
 */
const duration = z.string().transform((v, ctx) => {
  try {
    return parseDurationMs(v);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: err instanceof Error ? err.message : String(err) });
    return z.NEVER;
  }
});
const optionalName = z
  .string()
  .optional()
  .transform((v) => (v ? v : undefined));

const schema = z.object({
  lockduration: duration.optional(),
  maxdeliverycount: z.number().int().positive().optional(),
  defaultmessagetimetolive: duration.optional(),
  deadletteringonmessageexpiration: z.boolean().optional(),
  requiresduplicatedetection: z.boolean().optional(),
  duplicatedetectionhistorytimewindow: duration.optional(),
  requiressession: z.boolean().optional(),
  forwardto: optionalName,
  forwarddeadletteredmessagesto: optionalName,
  maxsizeinmegabytes: z.number().positive().optional(),
});

/** Lower-cases the keys of a plain object (Config.json uses PascalCase, the topology camelCase). */
export function lowerKeys(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.toLowerCase(), v]));
}

/** Durations of 10675199 days and more mean "never" in Azure (TimeSpan.MaxValue). */
const NEVER_MS = 10_675_199 * 24 * 3600 * 1000;

export function parseEntityProperties(raw: unknown, where: string): EntityProperties {
  const known = Object.keys(schema.shape);
  const lowered = Object.fromEntries(Object.entries(lowerKeys(raw)).filter(([k]) => known.includes(k)));
  const parsed = schema.safeParse(lowered);
  if (!parsed.success) {
    throw new Error(
      `Invalid properties for ${where}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const p = parsed.data;
  const d = defaultEntityProperties;
  const ttl = p.defaultmessagetimetolive;
  return {
    lockDurationMs: p.lockduration ?? d.lockDurationMs,
    maxDeliveryCount: p.maxdeliverycount ?? d.maxDeliveryCount,
    defaultMessageTimeToLiveMs: ttl === undefined || ttl >= NEVER_MS ? d.defaultMessageTimeToLiveMs : ttl,
    deadLetteringOnMessageExpiration:
      p.deadletteringonmessageexpiration ?? d.deadLetteringOnMessageExpiration,
    requiresDuplicateDetection: p.requiresduplicatedetection ?? d.requiresDuplicateDetection,
    duplicateDetectionHistoryTimeWindowMs:
      p.duplicatedetectionhistorytimewindow ?? d.duplicateDetectionHistoryTimeWindowMs,
    requiresSession: p.requiressession ?? d.requiresSession,
    forwardTo: p.forwardto,
    forwardDeadLetteredMessagesTo: p.forwarddeadletteredmessagesto,
    maxSizeBytes:
      p.maxsizeinmegabytes === undefined ? d.maxSizeBytes : Math.round(p.maxsizeinmegabytes * 1024 * 1024),
  };
}
