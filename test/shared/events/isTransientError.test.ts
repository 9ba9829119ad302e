import { EmailClaimBusyError } from '../../../shared/email/errors';
import { ConcurrencyExhaustedError } from '../../../shared/analytics/errors';
import { PoisonMessageError } from '../../../shared/events/errors';
import { isTransientError } from '../../../shared/events/isTransientError';

const withCode = (code: string | number, message = 'failed') => Object.assign(new Error(message), { code });

describe('isTransientError', () => {
  it.each([
    ['connection refused', withCode('ECONNREFUSED')],
    ['connection reset', withCode('ECONNRESET')],
    ['a failed send (core-rest-pipeline)', withCode('REQUEST_SEND_ERROR')],
    ['Cosmos DB 408', withCode(408)],
    ['Cosmos DB 429', withCode(429)],
    ['Cosmos DB 449', withCode(449)],
    ['Cosmos DB 503', withCode(503)],
    ['an SMTP 421', Object.assign(new Error('421 shutting down'), { responseCode: 421 })],
    ['nodemailer ECONNECTION', withCode('ECONNECTION')],
    [
      'a cause chain',
      new Error('request failed', { cause: new Error('x', { cause: withCode('ECONNRESET') }) }),
    ],
    ['an AggregateError', new AggregateError([new Error('a'), withCode('ECONNREFUSED')])],
    ['socket hang up', new Error('socket hang up')],
    ['claim busy', new EmailClaimBusyError('busy')],
    ['contention', new ConcurrencyExhaustedError('too many')],
  ])('%s is transient', (_, err) => {
    expect(isTransientError(err)).toBe(true);
  });

  it.each([
    ['poison', new PoisonMessageError('not JSON')],
    ['Cosmos DB 400', withCode(400)],
    ['Cosmos DB 409', withCode(409)],
    ['an SMTP 550', Object.assign(new Error('550 no such user'), { responseCode: 550 })],
    ['a TypeError', new TypeError('x is undefined')],
    ['a string', 'ECONNREFUSED'],
    ['null', null],
  ])('%s is not', (_, err) => {
    expect(isTransientError(err)).toBe(false);
  });
});
