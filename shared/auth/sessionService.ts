import type { AccessTokens } from './accessTokens';
import type { UserDocument } from './documents';
import { InvalidCredentialsError, InvalidTokenError, LockedOutError } from './errors';
import type { LoginThrottle } from './loginThrottle';
import { normaliseEmail } from './normaliseEmail';
import type { PasswordHasher } from './passwordHasher';
import type { RefreshTokenStore } from './refreshTokenStore';
import { rolesFor } from './rolesFor';
import type { TokenPair } from './schemas';
import type { UserStore } from './userStore';

export interface SessionServiceInit {
  users: Pick<UserStore, 'findByEmail' | 'get' | 'replace'>;
  refreshTokens: Pick<RefreshTokenStore, 'find' | 'issue' | 'markUsed' | 'revokeFamily'>;
  throttle: Pick<LoginThrottle, 'reserve' | 'recordSuccess'>;
  hasher: Pick<PasswordHasher, 'hash' | 'verify' | 'verifyDummy' | 'needsRehash'>;
  accessTokens: Pick<AccessTokens, 'sign' | 'ttlSeconds'>;
  adminEmails: readonly string[];
  clock: () => Date;
  newId: () => string;
}

/** Login, refresh-token rotation with reuse detection, logout. */
export class SessionService {
  readonly #init: SessionServiceInit;

  constructor(init: SessionServiceInit) {
    this.#init = init;
  }

  /**
   * An attempt slot is reserved (atomically) on the address and the account before any password check;
   * none left -> LockedOutError (LoginThrottle invariant). Unknown email -> a dummy scrypt of the same cost,
   * so timing does not reveal whether the account exists. A failed check keeps its slot: that is the count.
   */
  /** `clientAddress` undefined: the request carries no trustworthy address; only the account is counted. */
  async login(email: string, password: string, clientAddress: string | undefined): Promise<TokenPair> {
    const { users, throttle, hasher } = this.#init;
    const keys = { account: normaliseEmail(email), address: clientAddress };
    const lockedFor = await throttle.reserve(keys);
    if (lockedFor > 0) throw new LockedOutError(lockedFor);
    const user = await users.findByEmail(email);
    const ok = user ? await hasher.verify(password, user.passwordHash) : await hasher.verifyDummy(password);
    if (!user || !ok) throw new InvalidCredentialsError();
    await throttle.recordSuccess(keys);
    if (hasher.needsRehash(user.passwordHash)) {
      // Best effort: a concurrent write (412) just means the upgrade happens at a later login.
      await users.replace({ ...user, passwordHash: await hasher.hash(password), updatedAt: this.#now() });
    }
    return this.#issue(user, user.tokenGeneration ?? 0);
  }

  /**
   * Rotates: the presented token is marked spent (conditionally) and a successor in the same family is
   * issued. A spent token presented again, or two concurrent uses, revoke the whole family.
   *
   * Invariant (password reset ends every chain): a refresh token carries the user's token generation of
   * the login that started its family, and a successor inherits its predecessor's generation, never the
   * user's current one. A reset increments the user's generation with a conditional write. Generations only
   * grow, so once a reset has committed, every token of every chain that existed before it (and every
   * successor minted from them, however late) has a smaller generation and is refused at its next use.
   * The user is read again after the successor is written, so a refresh that overlaps the reset's commit
   * answers 401 instead of handing out tokens (it linearises before the reset or fails).
   */
  async refresh(token: string): Promise<TokenPair> {
    const { refreshTokens, users } = this.#init;
    const found = await refreshTokens.find(token);
    if (!found) throw new InvalidTokenError('unknown refresh token');
    const { doc, familyRevoked } = found;
    if (familyRevoked) throw new InvalidTokenError('refresh token family revoked');
    if (doc.usedAt) return this.#reuse(doc.userId, doc.familyId, 'spent refresh token presented again');
    if (Date.parse(doc.expiresAt) <= this.#init.clock().getTime())
      throw new InvalidTokenError('refresh token expired');
    const user = await users.get(doc.userId);
    const generation = doc.generation ?? 0;
    this.#checkGeneration(user, generation);
    // Tokens minted before generations existed: the reset's timestamp still kills them.
    if (user?.tokensRevokedAt && doc.createdAt <= user.tokensRevokedAt) {
      throw new InvalidTokenError('refresh token revoked by a password reset');
    }
    const successorId = this.#init.newId();
    if (!(await refreshTokens.markUsed(doc, successorId))) {
      return this.#reuse(doc.userId, doc.familyId, 'refresh token used concurrently');
    }
    const pair = await this.#issue(user, generation, doc.familyId, successorId);
    this.#checkGeneration(await users.get(doc.userId), generation);
    return pair;
  }

  #checkGeneration(user: UserDocument | undefined, generation: number): asserts user is UserDocument {
    if (!user) throw new InvalidTokenError('user no longer exists');
    if ((user.tokenGeneration ?? 0) !== generation) {
      throw new InvalidTokenError('refresh token revoked by a password reset');
    }
  }

  /** Revokes the token's family. Silent for an unknown token: logout must not become a token oracle. */
  async logout(token: string): Promise<void> {
    const found = await this.#init.refreshTokens.find(token);
    if (found) await this.#init.refreshTokens.revokeFamily(found.doc.userId, found.doc.familyId, 'logout');
  }

  async #reuse(userId: string, familyId: string, why: string): Promise<never> {
    await this.#init.refreshTokens.revokeFamily(userId, familyId, 'reuse');
    // The message reaches the request's log (the HTTP layer logs every rejected token's reason).
    throw new InvalidTokenError(`refresh token reuse (${why}): family ${familyId} of user ${userId} revoked`);
  }

  async #issue(
    user: UserDocument,
    generation: number,
    familyId?: string,
    tokenId?: string,
  ): Promise<TokenPair> {
    const [accessToken, refresh] = await Promise.all([
      this.#init.accessTokens.sign({
        userId: user.id,
        email: user.email,
        emailVerified: !!user.emailVerifiedAt,
        roles: rolesFor(user, this.#init.adminEmails),
      }),
      this.#init.refreshTokens.issue(user.id, generation, familyId, tokenId),
    ]);
    return {
      accessToken,
      refreshToken: refresh.token,
      expiresIn: this.#init.accessTokens.ttlSeconds,
      tokenType: 'Bearer',
    };
  }

  #now(): string {
    return this.#init.clock().toISOString();
  }
}
