import { z } from 'zod';
import { emailField, text } from '../http/fields';
import { ROLES } from './principal';

// Length bounds: 8 is NIST SP 800-63B's floor; 256 caps the work an attacker can make scrypt's input hashing do.
// Any well-formed Unicode is allowed (passphrases), but not unpaired surrogates: they have no UTF-8 encoding,
// so two different strings would hash alike.
const password = z
  .string()
  .min(8, 'Must be at least 8 characters.')
  .max(256)
  .refine(
    (s) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s),
    'Contains invalid Unicode (an unpaired surrogate).',
  );
// Opaque tokens we issued: base64url with a prefix; anything else is rejected before touching the database.
const opaqueToken = z
  .string()
  .min(16)
  .max(512)
  .regex(/^[A-Za-z0-9._~-]+$/, 'Not a token issued by this service.');

export const registerBody = z
  .strictObject({ email: emailField, password, name: text({ max: 100 }) })
  .meta({ id: 'RegisterRequest' });

export const loginBody = z
  .strictObject({ email: emailField, password: z.string().min(1).max(256) })
  .meta({ id: 'LoginRequest' });

export const refreshBody = z.strictObject({ refreshToken: opaqueToken }).meta({ id: 'RefreshRequest' });
export const logoutBody = z.strictObject({ refreshToken: opaqueToken }).meta({ id: 'LogoutRequest' });
export const forgotBody = z.strictObject({ email: emailField }).meta({ id: 'ForgotPasswordRequest' });
export const resetBody = z
  .strictObject({ token: opaqueToken, password })
  .meta({ id: 'ResetPasswordRequest' });

export const verifyEmailBody = z.strictObject({ token: opaqueToken }).meta({ id: 'VerifyEmailRequest' });

export const tokenPair = z
  .object({
    accessToken: z.string().describe('Access JWT (HS256); send as `Authorization: Bearer <token>`.'),
    refreshToken: z
      .string()
      .describe('Opaque, single use: each refresh returns a new one. Reuse revokes the family.'),
    expiresIn: z.number().int().describe('Access token lifetime in seconds.'),
    tokenType: z.literal('Bearer'),
  })
  .meta({ id: 'TokenPair' });

export const userView = z
  .object({
    id: z.string(),
    email: z.string(),
    emailVerified: z
      .boolean()
      .describe(
        'Whether the owner confirmed the address; until then no admin role and no mail but the verification link.',
      ),
    name: z.string(),
    roles: z.array(z.enum(ROLES)),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'User' });

export type RegisterBody = z.infer<typeof registerBody>;
export type TokenPair = z.infer<typeof tokenPair>;
export type UserView = z.infer<typeof userView>;
