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
