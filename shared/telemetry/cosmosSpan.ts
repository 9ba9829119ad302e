import { context, SpanKind } from '@opentelemetry/api';
import { cosmosSpanNaming, IN_COSMOS_SPAN } from './cosmosTracingPlugins';
import { withSpan } from './withSpan';

/**
 * A client span around one Cosmos DB operation, in OpenTelemetry's database conventions, started by the
 * repository itself where the span must exist before the SDK call: the order write records this span's context on
 * the document it writes (the change feed continues it). Every other call gets its span from the client's
 * plugins (`cosmosTracingPlugins`), which stand aside inside this one.
 */
export function cosmosSpan<T>(
  operation: string,
  database: string,
  container: string,
  fn: () => Promise<T>,
): Promise<T> {
  const { name, attributes } = cosmosSpanNaming(operation, database, container);
  return withSpan(
    name,
    attributes,
    () => context.with(context.active().setValue(IN_COSMOS_SPAN, true), fn),
    SpanKind.CLIENT,
  );
}
