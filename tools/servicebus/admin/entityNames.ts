import { brokerErrors } from '../errors';

/** Segments that give a path its meaning in the administration API, so no queue or topic name may contain them. */
const RESERVED_SEGMENTS = new Set([
  'subscriptions',
  'rules',
  '$deadletterqueue',
  '$resources',
  '$management',
]);

/**
 * Azure's naming rules: queues and topics up to 260 characters of letters, digits, `.`, `-`, `_` and `/`
 * (starting and ending with a letter or digit); subscriptions and rules up to 50, without `/`.
 */
export function assertEntityName(name: string): void {
  const ok =
    name.length > 0 &&
    name.length <= 260 &&
    /^[A-Za-z0-9](?:[A-Za-z0-9._\-/]*[A-Za-z0-9_-])?$/.test(name) &&
    !name.includes('//') &&
    !name.split('/').some((s) => RESERVED_SEGMENTS.has(s.toLowerCase()));
  if (!ok)
    throw brokerErrors.badRequest(
      `'${name}' is not a valid queue or topic name: use up to 260 letters, digits, '.', '-', '_' and '/', starting and ending with a letter or digit.`,
    );
}

export function assertChildName(kind: 'subscription' | 'rule', name: string): void {
  if (name.length === 0 || name.length > 50 || !/^[A-Za-z0-9$_][A-Za-z0-9._\-$]*$/.test(name))
    throw brokerErrors.badRequest(
      `'${name}' is not a valid ${kind} name: use up to 50 letters, digits, '.', '-', '_' and '$'.`,
    );
}
