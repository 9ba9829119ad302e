import type { Broker } from '../broker/Broker';
import type { MessageQueue } from '../broker/MessageQueue';
import type { StoredMessage } from '../broker/StoredMessage';
import {
  abandon,
  batchDelete,
  cancelScheduled,
  complete,
  deadLetterLocked,
  defer,
  peek,
  receiveDeferred,
  renewLock,
} from '../broker/settlement';
import { MAX_MESSAGE_SIZE_BYTES } from '../config/NamespaceConfig';
import { brokerErrors } from '../errors';
import { encodeDelivery } from './encodeDelivery';
import { parseIncoming } from './incomingMessage';
import { withoutBodySections } from './applicationProperties';
import { managementLockToken, uuidToBytes } from './lockToken';
import { optionalString, requiredString, toSequenceNumber, toSequenceNumbers } from './managementValues';
import { wrapArray, wrapBinary, wrapInt, wrapMap, wrapUuid } from './rheaCodec';

export interface ManagementResult {
  statusCode: number;
  body: Record<string, unknown> | undefined;
}

type Body = Record<string, unknown>;
const ok = (body?: Body): ManagementResult => ({ statusCode: 200, body });
const PREFIX = 'com.microsoft:';

/**
 * `<entity>/$management` operations (https://learn.microsoft.com/azure/service-bus-messaging/service-bus-amqp-request-response),
 * with the body keys and reply shapes @azure/service-bus 7.x uses. Anything else is amqp:not-implemented.
 */
export class ManagementHandler {
  constructor(
    private readonly broker: Broker,
    /** The rule manager's add-rule, remove-rule and enumerate-rules, served by the administration layer. */
    private readonly ruleOperation?: (entityPath: string, op: string, body: Body) => ManagementResult,
  ) {}

  handle(entityPath: string, operation: string, body: Body): ManagementResult {
    const op = operation.startsWith(PREFIX) ? operation.slice(PREFIX.length) : operation;
    if (op === 'schedule-message' || op === 'cancel-scheduled-message')
      return this.scheduling(entityPath, op, body);
    if (this.ruleOperation && (op === 'add-rule' || op === 'remove-rule' || op === 'enumerate-rules'))
      return this.ruleOperation(entityPath, op, body);
    const q = this.broker.receivable(entityPath);
    const sessionId = optionalString(body, 'session-id');
    switch (op) {
      case 'peek-message': {
        const found = peek(
          q,
          toSequenceNumber(body['from-sequence-number']),
          Number(body['message-count'] ?? 1),
          sessionId,
        );
        if (found.length === 0) return { statusCode: 204, body: undefined };
        const omitBody = body['omit-message-body'] === true;
        return ok({
          messages: found.map((m) =>
            wrapMap({
              message: wrapBinary(
                encodeDelivery(omitBody ? withoutBody(m) : m, { locked: false, withState: true }),
              ),
            }),
          ),
        });
      }
      case 'renew-lock': {
        const tokens = (body['lock-tokens'] as unknown[] | undefined) ?? [];
        return ok({
          expirations: wrapArray(
            tokens.map((t) => renewLock(q, managementLockToken(t))),
            0x83,
          ),
        });
      }
      case 'update-disposition':
        this.dispose(q, body, sessionId);
        return ok();
      case 'receive-by-sequence-number': {
        const receiveAndDelete = Number(body['receiver-settle-mode'] ?? 1) === 0;
        const found = receiveDeferred(
          q,
          toSequenceNumbers(body['sequence-numbers']),
          receiveAndDelete,
          sessionId,
        );
        return ok({
          messages: found.map((m) => {
            const entry: Body = {
              message: wrapBinary(encodeDelivery(m, { locked: !receiveAndDelete, withState: true })),
            };
            if (m.lockToken) entry['lock-token'] = wrapUuid(uuidToBytes(m.lockToken));
            return wrapMap(entry);
          }),
        });
      }
      case 'renew-session-lock':
        return ok({
          expiration: new Date(this.sessions(q).renew(requiredString(body, 'session-id'), Date.now())),
        });
      case 'get-session-state': {
        const id = requiredString(body, 'session-id');
        const entry = this.sessions(q).assertHeld(id, Date.now());
        return ok(entry.state ? { 'session-state': wrapBinary(entry.state) } : {});
      }
      case 'set-session-state': {
        const id = requiredString(body, 'session-id');
        const entry = this.sessions(q).assertHeld(id, Date.now());
        const state = body['session-state'];
        entry.state = Buffer.isBuffer(state) ? Buffer.from(state) : undefined;
        q.ctx.journal.append({ type: 'sessionState', entity: q.key, sessionId: id, state: entry.state });
        return ok();
      }
      case 'batch-delete-messages': {
        const count = Number(body['message-count']);
        if (!Number.isSafeInteger(count) || count < 1 || count > 0x7fffffff)
          throw brokerErrors.badRequest("'message-count' must be an integer between 1 and 2147483647.");
        const cutoff = body['enqueued-time-utc'];
        const before = cutoff instanceof Date ? cutoff.getTime() : Infinity;
        const deleted = batchDelete(q, count, before, sessionId);
        return deleted === 0
          ? { statusCode: 204, body: undefined }
          : ok({ 'message-count': wrapInt(deleted) });
      }
      case 'get-message-sessions': {
        const ids = [...(q.sessions?.entries.values() ?? [])]
          .filter((e) => e.state || e.available.size > 0)
          .map((e) => e.id);
        return ok({ skip: 0, 'sessions-ids': ids });
      }
      default:
        throw brokerErrors.notImplemented(`Management operation '${operation}'`);
    }
  }

  private sessions(q: MessageQueue): NonNullable<MessageQueue['sessions']> {
    if (!q.sessions) throw brokerErrors.notAllowed(`'${q.path}' does not require sessions.`);
    return q.sessions;
  }

  private dispose(q: MessageQueue, body: Body, sessionId: string | undefined): void {
    const status = requiredString(body, 'disposition-status');
    const props = body['properties-to-modify'] as Record<string, unknown> | undefined;
    for (const raw of (body['lock-tokens'] as unknown[] | undefined) ?? []) {
      const token = managementLockToken(raw);
      if (status === 'completed') complete(q, token, undefined, sessionId);
      else if (status === 'abandoned') abandon(q, token, props, undefined, sessionId);
      else if (status === 'defered' || status === 'deferred') defer(q, token, props, undefined, sessionId);
      else if (status === 'suspended') {
        deadLetterLocked(
          q,
          token,
          optionalString(body, 'deadletter-reason'),
          optionalString(body, 'deadletter-description'),
          props,
          undefined,
          sessionId,
        );
      } else throw brokerErrors.badRequest(`Unknown disposition-status '${status}'.`);
    }
  }

  private scheduling(entityPath: string, op: string, body: Body): ManagementResult {
    const target = this.broker.sendable(entityPath);
    if (op === 'cancel-scheduled-message') {
      const seqs = toSequenceNumbers(body['sequence-numbers']);
      if ('subscriptions' in target) {
        // A topic's scheduled message lives as one copy per matching subscription, all with the topic's number.
        for (const seq of seqs) {
          const holders = target.subscriptions.filter((sub) => sub.queue.messages.has(seq));
          if (holders.length === 0)
            throw brokerErrors.messageNotFound(
              `Sequence number ${seq} is not scheduled on '${target.path}'.`,
            );
          for (const sub of holders) cancelScheduled(sub.queue, [seq]);
        }
      } else cancelScheduled(target, seqs);
      return ok();
    }
    const entries = (body.messages as Array<Record<string, unknown>> | undefined) ?? [];
    const incoming = entries.map((e) => {
      const raw = e.message as Buffer;
      if (raw.length > MAX_MESSAGE_SIZE_BYTES)
        throw brokerErrors.messageSizeExceeded(raw.length, MAX_MESSAGE_SIZE_BYTES);
      return parseIncoming(undefined, raw);
    });
    const seqs = this.broker.send(target, incoming);
    return ok({ 'sequence-numbers': wrapArray(seqs, 0x81) });
  }
}

/** Peek with `omit-message-body`: the same message without its body section (properties stay). */
function withoutBody(m: StoredMessage): StoredMessage {
  return { ...m, bare: withoutBodySections(m.bare) };
}
