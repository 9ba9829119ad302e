import { PoisonMessageError } from '../../../shared/events/errors';
import { parseEmailCommand } from '../../../shared/email/parseEmailCommand';

const command = {
  id: 'o-1:1:orderConfirmation',
  type: 'orderConfirmation',
  to: 'ann@example.com',
  createdAt: '2026-11-21T07:00:00.000Z',
  orderId: 'o-1',
  version: 1,
  total: 1999,
  currency: 'EUR',
};

describe('parseEmailCommand', () => {
  it('accepts a command as an object, JSON text or bytes', () => {
    expect(parseEmailCommand(command)).toEqual(command);
    expect(parseEmailCommand(JSON.stringify(command))).toEqual(command);
    expect(parseEmailCommand(Buffer.from(JSON.stringify(command)))).toEqual(command);
  });

  it('treats an unknown command type as poison, naming the field', () => {
    expect(() => parseEmailCommand({ ...command, type: 'fax' })).toThrow(PoisonMessageError);
    expect(() => parseEmailCommand({ ...command, type: 'fax' })).toThrow(/type/);
  });

  it('treats a body that is not JSON as poison', () => {
    expect(() => parseEmailCommand('<xml/>')).toThrow(/not JSON/);
  });
});
