// ACS cannot run offline: the SDK's EmailClient is mocked here, and only here, to check what we ask of it.
const beginSend = jest.fn();
jest.mock('@azure/communication-email', () => ({
  EmailClient: jest.fn().mockImplementation(() => ({ beginSend })),
}));

import type { TokenCredential } from '@azure/identity';
import { acsTransport, operationIdFor } from '../../../shared/email/acsTransport';

const credential = { getToken: () => Promise.resolve(null) } as unknown as TokenCredential;
const email = {
  id: 'cmd-1',
  from: 'no-reply@x.example',
  to: 'ann@example.com',
  subject: 's',
  text: 't',
  html: '<p>h</p>',
};

describe('acsTransport', () => {
  beforeEach(() => beginSend.mockReset());

  it('sends with the command id as a stable operation id and waits for the outcome', async () => {
    beginSend.mockResolvedValue({ pollUntilDone: () => Promise.resolve({ id: 'op', status: 'Succeeded' }) });
    const t = await acsTransport('https://acs.example.communication.azure.com', credential);
    await expect(t.send(email)).resolves.toEqual({ providerMessageId: 'op' });
    const [message, options] = beginSend.mock.calls[0] as [Record<string, unknown>, { operationId: string }];
    expect(message).toMatchObject({
      senderAddress: 'no-reply@x.example',
      recipients: { to: [{ address: 'ann@example.com' }] },
    });
    expect(options.operationId).toBe(operationIdFor('cmd-1'));
    expect(options.operationId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('fails when ACS does not report success', async () => {
    beginSend.mockResolvedValue({
      pollUntilDone: () => Promise.resolve({ id: 'op', status: 'Failed', error: { message: 'bad sender' } }),
    });
    const t = await acsTransport('https://acs.example.communication.azure.com', credential);
    await expect(t.send(email)).rejects.toThrow('bad sender');
  });
});
