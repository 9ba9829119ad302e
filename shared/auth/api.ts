import { z } from 'zod';
import type { RouteDescriptor } from '../http/routeDescriptor';
import {
  forgotBody,
  loginBody,
  logoutBody,
  refreshBody,
  registerBody,
  resetBody,
  tokenPair,
  userView,
  verifyEmailBody,
} from './schemas';

const tags = ['auth'];
const tooMany = {
  description: 'Too many failed logins for this account or from this address; see Retry-After.',
  headers: { 'Retry-After': 'Seconds to wait.' },
};

/** Route descriptors of the auth service (OpenAPI). Handlers: functions/auth/*.ts. */
export const authApi: RouteDescriptor[] = [
  {
    operationId: 'register',
    method: 'post',
    path: '/api/auth/register',
    summary: 'Create an account (unverified) and mail a verification link to the address.',
    description:
      'Until the link is used the account gets no admin role and no mail but the verification mail, and a ' +
      "later registration of the same address takes the address over (so registering someone else's " +
      'address first blocks nobody).',
    tags,
    auth: 'none',
    body: registerBody,
    responses: {
      201: { description: 'Created.', schema: userView, headers: { Location: '/api/auth/me' } },
      409: { description: 'A verified account holds this email.' },
      503: { description: 'The verification mail could not be queued; register again.' },
    },
  },
  {
    operationId: 'verifyEmail',
    method: 'post',
    path: '/api/auth/email/verify',
    summary: 'Confirm the address with the one-time token of the verification mail.',
    tags,
    auth: 'none',
    body: verifyEmailBody,
    responses: {
      200: { description: "Verified; the address is this account's.", schema: userView },
      400: { description: 'Unknown, used or expired token.' },
      409: { description: 'Another account verified this address first.' },
    },
  },
  {
    operationId: 'login',
    method: 'post',
    path: '/api/auth/login',
    summary: 'Exchange email and password for an access token and a refresh token.',
    tags,
    auth: 'none',
    body: loginBody,
    responses: {
      200: { description: 'Signed in.', schema: tokenPair },
      401: { description: 'Wrong email or password (never says which).' },
      429: tooMany,
    },
  },
  {
    operationId: 'refresh',
    method: 'post',
    path: '/api/auth/refresh',
    summary: 'Rotate a refresh token: returns a new pair; the old refresh token is spent.',
    description:
      'Presenting a spent refresh token again revokes every token of its family (theft detection).',
    tags,
    auth: 'none',
    body: refreshBody,
    responses: {
      200: { description: 'New tokens.', schema: tokenPair },
      401: { description: 'Unknown, expired, revoked or reused refresh token.' },
    },
  },
  {
    operationId: 'logout',
    method: 'post',
    path: '/api/auth/logout',
    summary: 'Revoke a refresh token (and its family).',
    tags,
    auth: 'none',
    body: logoutBody,
    responses: { 204: { description: 'Signed out (also when the token was already invalid).' } },
  },
  {
    operationId: 'me',
    method: 'get',
    path: '/api/auth/me',
    summary: 'The signed-in user.',
    tags,
    auth: 'customer',
    responses: {
      200: { description: 'The user.', schema: userView },
      404: { description: 'The account no longer exists.' },
    },
  },
  {
    operationId: 'forgotPassword',
    method: 'post',
    path: '/api/auth/password/forgot',
    summary: 'Email a one-time password reset link. Always 202, whether or not the account exists.',
    tags,
    auth: 'none',
    body: forgotBody,
    responses: { 202: { description: 'Accepted.', schema: z.object({ status: z.literal('accepted') }) } },
  },
  {
    operationId: 'resetPassword',
    method: 'post',
    path: '/api/auth/password/reset',
    summary: 'Set a new password with a one-time reset token; signs out every session of the user.',
    tags,
    auth: 'none',
    body: resetBody,
    responses: {
      204: { description: 'Password changed; every refresh token of the user is revoked.' },
      400: { description: 'Invalid body, or the token is unknown, used or expired.' },
    },
  },
];
