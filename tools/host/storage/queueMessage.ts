import { randomUUID } from 'node:crypto';
import type { DequeuedMessageItem } from '@azure/storage-queue';
import type { RpcTypedData } from '../app/coreTypes';
import { toRpcValue } from '../serviceBus/toRpcValue';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Message text as the extension decodes it; undefined when base64 is expected and the text is not base64. */
export function decodeMessage(text: string, encoding: 'base64' | 'none'): string | undefined {
  if (encoding === 'none') return text;
  if (!BASE64.test(text)) return undefined;
  return Buffer.from(text, 'base64').toString('utf8');
}

/** Text as the extension writes a message: UTF-8 bytes in base64, unless messageEncoding is `none`. */
export function encodeMessage(text: string, encoding: 'base64' | 'none'): string {
  return encoding === 'none' ? text : Buffer.from(text, 'utf8').toString('base64');
}

/** A queue output value as message text: strings as they are, bytes as UTF-8, anything else as JSON. */
export function outputText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  return JSON.stringify(value);
}

/** The payload as the host hands it to a Node worker: JSON text (object or array) as json, anything else as a string. */
export function queueInput(body: string): RpcTypedData {
  const t = body.trimStart();
  if (t.startsWith('{') || t.startsWith('[')) {
    try {
      JSON.parse(body);
      return { json: body };
    } catch {
      // Not JSON after all: a plain string.
    }
  }
  return { string: body };
}

/** The queue trigger's binding data in the extension's names (the library camel-cases them). */
export function queueMetadata(
  functionName: string,
  m: DequeuedMessageItem,
  body: string,
): Record<string, RpcTypedData> {
  const values: Record<string, unknown> = {
    QueueTrigger: body,
    DequeueCount: m.dequeueCount,
    ExpirationTime: m.expiresOn,
    Id: m.messageId,
    InsertionTime: m.insertedOn,
    NextVisibleTime: m.nextVisibleOn,
    PopReceipt: m.popReceipt,
    sys: { MethodName: functionName, UtcNow: new Date().toISOString(), RandGuid: randomUUID() },
  };
  const out: Record<string, RpcTypedData> = {};
  for (const [k, v] of Object.entries(values)) {
    const t = toRpcValue(v);
    if (t) out[k] = t;
  }
  return out;
}
