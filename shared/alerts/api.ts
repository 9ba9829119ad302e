import { deadLetterIdParams } from './deadLetterIdParams';
import { deadLetterListSchema } from './deadLetterListSchema';
import { deadLetterReplaySchema } from './deadLetterReplaySchema';
import type { RouteDescriptor } from '../http/routeDescriptor';

const tags = ['alerts'];

/** Route descriptors of the alerts service (OpenAPI). Handlers: functions/alerts/*.ts. */
export const alertsApi: RouteDescriptor[] = [
  {
    operationId: 'listDeadLetters',
    method: 'get',
    path: '/api/admin/deadletters',
    summary: 'The latest dead-lettered messages of every queue (`orders`, `emails`), newest first.',
    description:
      'Each dead letter is stored once by the alerts service (which also emails the operators, once per dead ' +
      'letter); each item names its `queue` and carries the whole message so an operator can judge it before ' +
      'replaying, except secrets: values of fields named like token, password or secret (the one-time links ' +
      'of password-reset and verification mails in `emails`), and `token=...` inside text, read `[redacted]`. ' +
      'The replay sends the stored original.',
    tags,
    auth: 'admin',
    responses: { 200: { description: 'Up to 100 dead letters.', schema: deadLetterListSchema } },
  },
  {
    operationId: 'replayDeadLetter',
    method: 'post',
    path: '/api/admin/deadletters/{id}/replay',
    summary:
      'Send a dead letter back to the queue it was dead-lettered from, exactly once, and record who replayed it and when.',
    description:
      "The same body, subject, correlation id, content type and application properties (less the broker's " +
      'dead-letter properties, plus `replayOf` and `replayAttempt`) under a new messageId ' +
      '`<original>:replay-1`, so duplicate detection does not drop it. Exactly once per dead letter: the replay ' +
      'is claimed by a conditional write before the send, and every later or concurrent request answers 202 ' +
      'with the same messageId without sending. If the send fails the claim is withdrawn (500) and a new ' +
      'request replays it. An id holding `/`, `\\`, `?`, `#`, whitespace or control characters, or longer than ' +
      '100 characters, is a 400 (an encoded `%2F` included: see docs/security.md); an unknown id is a 404. ' +
      'No request body.',
    tags,
    auth: 'admin',
    params: deadLetterIdParams,
    responses: {
      202: {
        description: 'Sent back to the queue (now, or by an earlier request: same messageId).',
        schema: deadLetterReplaySchema,
      },
      404: { description: 'No dead letter with that id.' },
    },
  },
];
