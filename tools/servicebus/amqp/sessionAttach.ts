import type { Sender } from 'rhea';
import type { MessageQueue } from '../broker/MessageQueue';
import { brokerErrors, toWireError } from '../errors';
import { completeAttach, dotNetTicks, remoteSource } from './attachHelpers';
import { DeliveryLink } from './DeliveryLink';
import { internalsOf } from './rheaLink';

export const SESSION_FILTER = 'com.microsoft:session-filter';

/**
 * A session receiver: lock the named session, or the next one with messages. On success the attach echoes the
 * session id in the filter and the lock expiry in `com.microsoft:locked-until-utc`. On failure the attach goes
 * out without the filter and the link is detached with the error, which the SDK turns into SessionCannotBeLocked
 * (named session held elsewhere) or ServiceTimeout (no session available).
 */
export function openSessionReceiver(
  sender: Sender,
  queue: MessageQueue,
  requested: unknown,
): DeliveryLink | undefined {
  const source = remoteSource(sender) ?? {};
  const withoutFilter = { ...source, filter: undefined };
  const sessions = queue.sessions;
  try {
    if (!sessions)
      throw brokerErrors.notAllowed(`'${queue.path}' does not require sessions; use a plain receiver.`);
    const now = queue.ctx.now();
    let id = typeof requested === 'string' ? requested : undefined;
    if (id === undefined) {
      id = sessions.findAvailable(now, (entry) => queue.hasDeliverable(entry.available))?.id;
      if (id === undefined)
        throw brokerErrors.timeout(`No unlocked session with messages is available on '${queue.path}'.`);
    }
    const link = new DeliveryLink(sender, queue, id);
    const entry = sessions.lock(id, link, now);
    completeAttach(sender, { ...source, filter: { [SESSION_FILTER]: id } });
    internalsOf(sender).local.attach.properties = {
      'com.microsoft:locked-until-utc': dotNetTicks(entry.lockedUntil),
    };
    queue.addConsumer(link);
    return link;
  } catch (err) {
    completeAttach(sender, withoutFilter);
    sender.close(toWireError(err).toAmqpError());
    return undefined;
  }
}
