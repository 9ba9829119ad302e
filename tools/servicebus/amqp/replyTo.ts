import type { Connection, Message, Sender, Session } from 'rhea';
import { internalsOf } from './rheaLink';

/**
 * Sends a request/response reply on the link the client named in reply_to (the SDK names its receiver link, or
 * sets the link's target to it); falls back to the sender on the same session attached to the same node.
 */
export function reply(
  connection: Connection,
  session: Session,
  request: Message,
  node: string,
  response: Message | Record<string, unknown>,
): void {
  const replyTo = request.reply_to;
  const senders: Sender[] = [];
  connection.each_link((link: Sender) => {
    if (link.is_sender()) senders.push(link);
  });
  const open = senders.filter((s) => s.is_open());
  const target =
    open.find((s) => replyTo !== undefined && s.name === replyTo) ??
    open.find(
      (s) =>
        replyTo !== undefined &&
        (internalsOf(s).remote.attach?.target as { address?: string } | undefined)?.address === replyTo,
    ) ??
    open.find(
      (s) =>
        s.session === session &&
        (internalsOf(s).remote.attach?.source as { address?: string } | undefined)?.address === node,
    );
  if (!target) return;
  target.send({ ...response, correlation_id: request.message_id, to: replyTo } as Message);
}
