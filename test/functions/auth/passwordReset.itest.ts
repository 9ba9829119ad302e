import { ServiceBusClient, type ServiceBusReceiver } from '@azure/service-bus';
import { createHash } from 'node:crypto';
import { emailCommand, type AuthEmailCommand } from '../../../shared/email/commands';
import { ApiClient } from '../../support/apiClient';
import { startStack, type Stack } from '../../support/stack';

let stack: Stack;
let api: ApiClient;
let bus: ServiceBusClient;
let receiver: ServiceBusReceiver;

beforeAll(async () => {
  // This test reads the commands itself: the email service's consumer of the same queue is switched off.
  // TRUSTED_PROXIES = loopback: each test's X-Forwarded-For address (left of the host's 127.0.0.1) is counted.
  stack = await startStack({
    serviceBus: true,
    env: { 'AzureWebJobs.sendEmail.Disabled': 'true', TRUSTED_PROXIES: '127.0.0.1,::1' },
  });
  api = new ApiClient(stack.baseUrl);
  expect(stack.functions.map((f) => f.name)).not.toContain('sendEmail');
  bus = new ServiceBusClient(stack.serviceBusConnectionString!);
  receiver = bus.createReceiver('emails');
});
afterAll(async () => {
  await receiver?.close();
  await bus?.close();
  await stack?.close();
});

const PASSWORD = 'correct horse battery';
const NEW_PASSWORD = 'a brand new passphrase';
let seq = 0;
const newEmail = (): string => `reset-${Date.now()}-${++seq}@orderflow.test`;
const from = (): Record<string, string> => ({ 'x-forwarded-for': `192.0.2.${++seq}` });

/** The next command on the `emails` queue (completed), with its message id; fails after a bounded wait. */
async function nextCommand(): Promise<{ messageId: unknown; command: AuthEmailCommand }> {
  const [msg] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 15_000 });
  if (!msg) throw new Error('no command arrived on the emails queue within 15 s');
  await receiver.completeMessage(msg);
  const command = emailCommand.parse(msg.body);
  if (command.type !== 'passwordReset' && command.type !== 'verifyEmail')
    throw new Error(`unexpected ${command.type}`);
  return { messageId: msg.messageId, command };
}

async function registerAndLogin(): Promise<{ email: string; refreshToken: string }> {
  const email = newEmail();
  expect((await api.post('/api/auth/register', { email, password: PASSWORD, name: 'Reset Me' })).status).toBe(
    201,
  );
  // Registration mails only the verification link; the link's token verifies the address.
  const { command } = await nextCommand();
  expect(command).toMatchObject({ type: 'verifyEmail', to: email });
  const verified = await api.post('/api/auth/email/verify', { token: command.token });
  expect(verified.body).toMatchObject({ email, emailVerified: true });
  const login = await api.post<{ refreshToken: string }>(
    '/api/auth/login',
    { email, password: PASSWORD },
    { headers: from() },
  );
  return { email, refreshToken: login.body.refreshToken };
}

describe('password forgot and reset', () => {
  it('always answers 202; only a known account gets a passwordReset command (messageId = command id)', async () => {
    const { email } = await registerAndLogin();
    const unknown = await api.post('/api/auth/password/forgot', { email: newEmail() });
    expect(unknown.status).toBe(202);
    const known = await api.post('/api/auth/password/forgot', { email });
    expect(known.status).toBe(202);
    expect(known.body).toEqual(unknown.body);
    // FIFO: had the unknown email produced a command, it would arrive first.
    const { messageId, command } = await nextCommand();
    expect(command.to).toBe(email);
    expect(command.type).toBe('passwordReset');
    expect(messageId).toBe(command.id);
    expect(command.correlationId).toBe(known.headers.get('x-request-id'));
  });

  it('stores only a hash of the token, and the token works exactly once', async () => {
    const { email, refreshToken } = await registerAndLogin();
    expect((await api.post('/api/auth/password/forgot', { email })).status).toBe(202);
    const { command } = await nextCommand();
    const resets = stack.cosmos.database('identity').container('resetTokens');
    const hashed = createHash('sha256').update(command.token).digest('base64url');
    const { resource } = await resets.item(hashed, hashed).read<Record<string, unknown>>();
    expect(resource).toBeDefined();
    expect(JSON.stringify(resource)).not.toContain(command.token);

    const reset = await api.post('/api/auth/password/reset', {
      token: command.token,
      password: NEW_PASSWORD,
    });
    expect(reset.status).toBe(204);
    const again = await api.post('/api/auth/password/reset', {
      token: command.token,
      password: 'yet another passphrase',
    });
    expect(again.status).toBe(400);
    expect(again.body.errors).toEqual([expect.objectContaining({ path: 'token' })]);

    expect(
      (await api.post('/api/auth/login', { email, password: PASSWORD }, { headers: from() })).status,
    ).toBe(401);
    expect(
      (await api.post('/api/auth/login', { email, password: NEW_PASSWORD }, { headers: from() })).status,
    ).toBe(200);
    // Every refresh token issued before the reset is dead.
    expect((await api.post('/api/auth/refresh', { refreshToken })).status).toBe(401);
  });

  it('refuses an expired token', async () => {
    const { email } = await registerAndLogin();
    await api.post('/api/auth/password/forgot', { email });
    const { command } = await nextCommand();
    const resets = stack.cosmos.database('identity').container('resetTokens');
    const id = createHash('sha256').update(command.token).digest('base64url');
    const { resource } = await resets.item(id, id).read<Record<string, unknown>>();
    await resets.item(id, id).replace({ ...resource, expiresAt: new Date(Date.now() - 1000).toISOString() });
    const res = await api.post('/api/auth/password/reset', { token: command.token, password: NEW_PASSWORD });
    expect(res.status).toBe(400);
  });

  it('after a reset, the other reset links of the account are dead; forgot is limited per account', async () => {
    const { email } = await registerAndLogin();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => api.post('/api/auth/password/forgot', { email })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(202));
    const tokens: string[] = [];
    for (let i = 0; i < 3; i++) tokens.push((await nextCommand()).command.token);
    const [none] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 1000 });
    expect(none).toBeUndefined(); // 10 requests, 3 mails (the default limit per account and hour)
    expect(
      (await api.post('/api/auth/password/reset', { token: tokens[0], password: NEW_PASSWORD })).status,
    ).toBe(204);
    for (const token of tokens.slice(1))
      expect(
        (await api.post('/api/auth/password/reset', { token, password: 'attacker passphrase' })).status,
      ).toBe(400);
  });

  it('refuses an unknown token', async () => {
    const res = await api.post('/api/auth/password/reset', { token: 'x'.repeat(43), password: NEW_PASSWORD });
    expect(res.status).toBe(400);
  });
});
