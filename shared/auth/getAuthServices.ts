import { randomUUID } from 'node:crypto';
import { getConfig } from '../config/config';
import { getCosmosClient, getServiceBusSender } from '../platform/processClients';
import { getAccessTokens } from './getAccessTokens';
import { AccountService } from './accountService';
import { ServiceBusEmailSender } from './emailCommandSender';
import { LoginThrottle } from './loginThrottle';
import { PasswordHasher, parseScryptParams } from './passwordHasher';
import { PasswordResetService } from './passwordResetService';
import { RefreshTokenStore } from './refreshTokenStore';
import { ResetTokenStore } from './resetTokenStore';
import { SessionService } from './sessionService';
import { UserStore } from './userStore';

export interface AuthServices {
  accounts: AccountService;
  sessions: SessionService;
  passwordReset: PasswordResetService;
}

let services: Promise<AuthServices> | undefined;

async function build(): Promise<AuthServices> {
  const config = getConfig();
  const cosmos = await getCosmosClient(config);
  const db = cosmos.database('identity');
  const clock = (): Date => new Date();
  const newId = (): string => randomUUID();
  const adminEmails = config.ADMIN_EMAILS;
  const users = new UserStore({ container: db.container('users') });
  const hasher = new PasswordHasher(
    config.PASSWORD_SCRYPT_PARAMS ? { params: parseScryptParams(config.PASSWORD_SCRYPT_PARAMS) } : {},
  );
  const refreshTokens = new RefreshTokenStore({
    container: db.container('refreshTokens'),
    ttlSeconds: config.REFRESH_TOKEN_TTL_SECONDS,
    clock,
    newId,
  });
  const window = config.LOGIN_LOCKOUT_SECONDS;
  const throttle = new LoginThrottle({
    container: db.container('loginThrottle'),
    account: {
      maxFailures: config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      windowSeconds: window,
      lockoutSeconds: window,
    },
    address: {
      maxFailures: config.LOGIN_MAX_FAILURES_PER_ADDRESS,
      windowSeconds: window,
      lockoutSeconds: window,
    },
    clock,
  });
  const resetTokens = new ResetTokenStore({
    container: db.container('resetTokens'),
    ttlSeconds: config.PASSWORD_RESET_TTL_SECONDS,
    clock,
  });
  // The sender (an AMQP link) opens on the first forgot-password, not at cold start.
  const email = {
    send: async (command: Parameters<ServiceBusEmailSender['send']>[0]) =>
      new ServiceBusEmailSender({ sender: await getServiceBusSender(config, 'emails') }).send(command),
  };
  const accounts = new AccountService({
    users,
    hasher,
    tokens: resetTokens,
    email,
    adminEmails,
    clock,
    newId,
  });
  return {
    accounts,
    sessions: new SessionService({
      users,
      refreshTokens,
      throttle,
      hasher,
      accessTokens: getAccessTokens(),
      adminEmails,
      clock,
      newId,
    }),
    passwordReset: new PasswordResetService({
      users,
      resetTokens,
      throttle,
      hasher,
      email,
      verification: accounts,
      clock,
      newId,
    }),
  };
}

/** The auth services of this process, wired from configuration and the process-wide clients. */
export function getAuthServices(): Promise<AuthServices> {
  services ??= build().catch((err: unknown) => {
    services = undefined;
    throw err;
  });
  return services;
}
