import { createServer, type Server, type ServerResponse } from 'node:http';
import type { Broker } from '../broker/Broker';
import type { MessageQueue } from '../broker/MessageQueue';
import { peek } from '../broker/settlement';
import { ServiceBusEmulatorError, ensureError } from '../errors';
import { describeMessage } from './describeMessage';
import { answerClientErrors, closeServer, listenOn } from './serverLifecycle';

function send(res: ServerResponse, status: number, body: unknown): void {
  // Serialise first: a body that cannot be written must fail before the status line goes out.
  const text = JSON.stringify(body, null, 2);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

/** A request the client got wrong: 400 with the reason (anything else thrown is a 500, never a crash). */
class BadRequest extends Error {}

function decodePart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new BadRequest(`malformed %-encoding in the path: '${part.slice(0, 100)}'`);
  }
}

function integerParam(url: URL, name: string, fallback: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0) throw new BadRequest(`'${name}' must be a non-negative integer`);
  return n;
}

function describeEntity(q: MessageQueue): Record<string, unknown> {
  const counts = q.counts();
  return {
    path: q.path,
    kind: q.path.includes('/Subscriptions/') ? 'subscription' : 'queue',
    activeMessageCount: counts.active,
    lockedMessageCount: counts.locked,
    scheduledMessageCount: counts.scheduled,
    deferredMessageCount: counts.deferred,
    deadLetterMessageCount: q.deadLetterQueue?.messages.size ?? 0,
    sizeInBytes: q.sizeBytes + (q.deadLetterQueue?.sizeBytes ?? 0),
    requiresSession: q.props.requiresSession,
    sessionCount: q.sessions?.entries.size ?? 0,
  };
}

/**
 * Read-only HTTP view of the namespace, like the portal's Service Bus Explorer:
 *   GET /entities                              every queue and subscription with its counts (and topics)
 *   GET /entities/<path>/messages?from=&count= peek (path URL-encoded; `<queue>/$DeadLetterQueue` for dead letters)
 * Nothing here changes state: peeking does not lock or count a delivery.
 */
export class VisibilityServer {
  private server: Server | undefined;

  constructor(private readonly broker: Broker) {}

  listen(port: number, host: string): Promise<number> {
    const server = createServer((req, res) => {
      try {
        if (req.method !== 'GET') return send(res, 405, { error: 'read-only endpoint: GET only' });
        const url = new URL(req.url ?? '/', 'http://localhost');
        const parts = url.pathname.split('/').filter(Boolean).map(decodePart);
        if (parts.length === 0 || (parts.length === 1 && parts[0] === 'entities')) {
          const stores = [...this.broker.queues.values()].filter((q) => !q.isDeadLetterQueue);
          const topics = [...this.broker.topics.values()].map((t) => ({
            path: t.path,
            kind: 'topic',
            subscriptions: t.subscriptions.map((s) => s.name),
          }));
          return send(res, 200, { entities: [...stores.map(describeEntity), ...topics] });
        }
        if (parts[0] === 'entities' && parts.at(-1) === 'messages' && parts.length >= 3) {
          const q = this.broker.receivable(parts.slice(1, -1).join('/'));
          const from = integerParam(url, 'from', 1);
          const count = Math.min(1000, integerParam(url, 'count', 32));
          return send(res, 200, { path: q.path, messages: peek(q, from, count).map(describeMessage) });
        }
        send(res, 404, { error: 'not found: use /entities or /entities/<path>/messages' });
      } catch (err) {
        // Nothing may escape a request handler (it would stop the process): at worst the socket is dropped.
        try {
          if (res.headersSent) res.destroy();
          else if (err instanceof BadRequest) send(res, 400, { error: err.message });
          else if (err instanceof ServiceBusEmulatorError)
            send(res, err.statusCode, { error: err.message, condition: err.condition });
          else send(res, 500, { error: ensureError(err).message });
        } catch {
          res.destroy();
        }
      }
    });
    answerClientErrors(server);
    this.server = server;
    return listenOn(server, port, host);
  }

  close(): Promise<void> {
    return closeServer(this.server);
  }
}
