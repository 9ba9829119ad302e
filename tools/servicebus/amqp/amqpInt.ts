import { types } from 'rhea';

/**
 * A status code as an AMQP `int`, the type Azure Service Bus puts in `status-code` ($cbs) and `statusCode`
 * ($management). rhea encodes a bare JS number by its size (202 becomes a `uint`); the JS SDK reads either, but
 * the .NET SDK (Microsoft.Azure.Amqp) casts to Int32 and fails with "Unable to cast object of type
 * 'System.UInt32' to type 'System.Int32'".
 */
export function amqpInt(n: number): unknown {
  return types.wrap_int(n);
}

/**
 * An error condition as an AMQP `symbol`, the type Azure puts in `$management`'s `errorCondition`; the .NET SDK
 * casts it to AmqpSymbol and failed with "Unable to cast object of type 'System.String'" instead of raising the
 * error (e.g. MessageNotFound).
 */
export function amqpSymbol(s: string): unknown {
  return types.wrap_symbol(s);
}
