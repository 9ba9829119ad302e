import { SpanKind } from '@opentelemetry/api';
import { withSpan } from './withSpan';

/**
 * A client span around one Cosmos DB operation, in OpenTelemetry's database conventions. @azure/cosmos 4.x
 * defines a core-tracing client but starts no span with it, so its calls would not show as dependencies: the
 * repositories wrap the writes that matter to a trace (the order write the change feed continues).
 */
export function cosmosSpan<T>(
  operation: string,
  database: string,
  container: string,
  fn: () => Promise<T>,
): Promise<T> {
  return withSpan(
    `${operation} ${database}.${container}`,
    {
      'db.system.name': 'azure.cosmosdb',
      'db.operation.name': operation,
      'db.namespace': database,
      'db.collection.name': container,
    },
    fn,
    SpanKind.CLIENT,
  );
}
