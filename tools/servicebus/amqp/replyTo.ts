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
): boolean {
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
  if (!target) return true;
  // A full session means the client takes no replies (no credit, or it never settles them): refuse, never throw.
  if ((target.session as unknown as { outgoing: { available(): number } }).outgoing.available() === 0)
    return false;
  const delivery = target.send({ ...response, correlation_id: request.message_id, to: replyTo } as Message);
  // Replies go pre-settled (unless the client's link asked for unsettled ones): there is no outcome to wait for,
  // so the session forgets each once written instead of holding it until the client settles.
  if (internalsOf(target).local.attach.snd_settle_mode !== 0)
    (delivery as { settled: boolean }).settled = true;
  return true;
}
