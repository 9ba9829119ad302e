import { z } from 'zod';

/** RFC 9457 problem details as this API sends them (the shape built by toProblemResponse). */
export const problemSchema = z
  .object({
    type: z.string().describe('URI reference identifying the problem type, `urn:orderflow:problem:<code>`.'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().describe('The request path.'),
    requestId: z.string().describe('Also in the `x-request-id` response header and every log line.'),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .describe('Field errors; `path` is dotted (`items.0.quantity`).'),
  })
  .meta({ id: 'Problem' });
