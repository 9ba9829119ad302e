import { z } from 'zod';
import { orderStatuses, type OrderStatus } from './order';

/** An ISO 8601 date-time with offset, or a plain date (midnight UTC), normalised to `toISOString()`. */
const instant = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .transform((s, ctx) => {
    const at = new Date(s);
    if (Number.isNaN(at.getTime())) {
      ctx.issues.push({ code: 'custom', input: s, message: 'must be a valid date' });
      return z.NEVER;
    }
    return at.toISOString();
  })
  .meta({ description: 'ISO 8601 date-time or date (UTC)' });

const statusList = z
  .string()
  .transform((s, ctx): OrderStatus[] => {
    const parts = [...new Set(s.split(',').map((p) => p.trim()))];
    const bad = parts.filter((p) => !(orderStatuses as readonly string[]).includes(p));
    if (bad.length > 0 || parts.length === 0) {
      ctx.issues.push({
        code: 'custom',
        input: s,
        message: `must be a comma-separated list of ${orderStatuses.join(', ')}`,
      });
      return z.NEVER;
    }
    return parts as OrderStatus[];
  })
  .meta({ description: `One or more of ${orderStatuses.join(', ')}, comma-separated` });

/**
 * Query of `GET /api/orders`. `from` is inclusive and `to` exclusive, both on `createdAt`. Results are
 * newest first. `customerId` is for admins; a customer may only name themself.
 */
export const listOrdersQuerySchema = z
  .strictObject({
    status: statusList.optional(),
    from: instant.optional(),
    to: instant.optional(),
    customerId: z
      .string()
      .regex(/^[A-Za-z0-9._:@-]{1,128}$/, 'must be a user id')
      .optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    continuationToken: z.string().min(1).max(8192).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, { message: 'must be after from', path: ['to'] });
export type ListOrdersQuery = z.infer<typeof listOrdersQuerySchema>;
