import type { Sender } from 'rhea';
import type { MessageQueue } from '../broker/MessageQueue';
import { brokerErrors, toWireError } from '../errors';
import { completeAttach, dotNetTicks, remoteSource } from './attachHelpers';
import { DeliveryLink } from './DeliveryLink';
import { holdAttach, internalsOf, releaseAttach } from './rheaLink';

export const SESSION_FILTER = 'com.microsoft:session-filter';
/** The SDK puts its operation timeout on the link; the broker answers a little before it gives up. */
const TIMEOUT_PROPERTY = 'com.microsoft:timeout';
const DEFAULT_WAIT_MS = 60_000;

type Register = (link: DeliveryLink) => void;

/**
 * A session receiver: lock the named session, or the next one with messages. On success the attach echoes the
 * session id in the filter and the lock expiry in `com.microsoft:locked-until-utc`. On failure the attach goes
 * out without the filter and the link is detached with the error, which the SDK turns into SessionCannotBeLocked
 * (named session held elsewhere) or ServiceTimeout (no session became available in time).
 */
export function openSessionReceiver(
  sender: Sender,
  queue: MessageQueue,
  requested: unknown,
  register: Register,
): void {
  try {
    if (!queue.sessions)
      throw brokerErrors.notAllowed(`'${queue.path}' does not require sessions; use a plain receiver.`);
    const id = typeof requested === 'string' ? requested : nextAvailable(queue);
    if (id !== undefined) grant(sender, queue, id, register);
    else waitForSession(sender, queue, register);
  } catch (err) {
    refuse(sender, err);
  }
}

function nextAvailable(queue: MessageQueue): string | undefined {
  return queue.sessions?.findAvailable(queue.ctx.now(), (entry) => queue.hasDeliverable(entry.available))?.id;
}

function grant(sender: Sender, queue: MessageQueue, id: string, register: Register): void {
  const link = new DeliveryLink(sender, queue, id);
  const entry = queue.sessions!.lock(id, link, queue.ctx.now());
  completeAttach(sender, { ...(remoteSource(sender) ?? {}), filter: { [SESSION_FILTER]: id } });
  internalsOf(sender).local.attach.properties = {
    'com.microsoft:locked-until-utc': dotNetTicks(entry.lockedUntil),
  };
  queue.addConsumer(link);
  register(link);
}

function refuse(sender: Sender, err: unknown): void {
  completeAttach(sender, { ...(remoteSource(sender) ?? {}), filter: undefined });
  sender.close(toWireError(err).toAmqpError());
}

/**
 * No session has messages: as Azure does, hold the attach until one does (a message arrives or a session lock is
 * released), or answer ServiceTimeout just before the client's own timeout.
 */
function waitForSession(sender: Sender, queue: MessageQueue, register: Register): void {
  holdAttach(sender);
  const asked = Number(internalsOf(sender).remote.attach?.properties?.[TIMEOUT_PROPERTY] ?? DEFAULT_WAIT_MS);
  const waitMs = Math.max(
    0,
    Math.min(DEFAULT_WAIT_MS, Number.isFinite(asked) ? asked : DEFAULT_WAIT_MS) * 0.9 - 100,
  );
  let done = false;
  const finish = (): void => {
    done = true;
    clearTimeout(timer);
    queue.sessionWaiters.delete(tryGrant);
  };
  const tryGrant = (): boolean => {
    if (done) return true;
    if (!sender.is_remote_open()) {
      finish(); // the client gave up
      return true;
    }
    const id = nextAvailable(queue);
    if (id === undefined) return false;
    finish();
    releaseAttach(sender);
    try {
      grant(sender, queue, id, register);
    } catch (err) {
      refuse(sender, err);
    }
    return true;
  };
  const timer = setTimeout(() => {
    if (done) return;
    finish();
    if (!sender.is_remote_open()) return;
    releaseAttach(sender);
    refuse(sender, brokerErrors.timeout(`No session with messages became available on '${queue.path}'.`));
  }, waitMs);
  // A waiting receiver must not keep a closing broker (or a test run) alive.
  timer.unref();
  queue.sessionWaiters.add(tryGrant);
}
