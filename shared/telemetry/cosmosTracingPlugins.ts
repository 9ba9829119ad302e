import {
  context,
  createContextKey,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
} from '@opentelemetry/api';
import { appTracer } from './withSpan';

/** Set by `cosmosSpan` while its own client span is active, so the SDK-level span is not started twice. */
export const IN_COSMOS_SPAN = createContextKey('orderflow.cosmos-span');

/** The part of @azure/cosmos's (hidden) RequestContext read here. */
interface CosmosRequestContext {
  path?: string;
  operationType?: string;
  resourceType?: string;
}
type Next = (ctx: CosmosRequestContext) => Promise<{ code?: number; headers?: Record<string, unknown> }>;
type Plugin = (ctx: CosmosRequestContext, diagnosticNode: unknown, next: Next) => ReturnType<Next>;

const RESOURCE: Record<string, string> = {
  docs: 'item',
  colls: 'container',
  dbs: 'database',
  pkranges: 'partition_key_ranges',
};

/** `query_items`, `read_item`, `execute_batch`: OpenTelemetry's Cosmos DB operation names. */
function operationName(ctx: CosmosRequestContext): string {
  const op = ctx.operationType ?? 'request';
  if (op === 'batch') return 'execute_batch';
  if (op === 'execute') return 'execute_stored_procedure';
  const resource = RESOURCE[ctx.resourceType ?? ''] ?? ctx.resourceType ?? 'resource';
  return `${op}_${resource}${op === 'query' ? 's' : ''}`;
}

/** Database and container from the resource path (`dbs/<db>/colls/<container>/docs/<id>`): never the item id. */
function names(path: string | undefined): { db?: string; coll?: string } {
  const parts = (path ?? '').split('/').filter(Boolean);
  const after = (key: string) => {
    const i = parts.indexOf(key);
    return i >= 0 ? parts[i + 1] : undefined;
  };
  const db = after('dbs');
  const coll = after('colls');
  return { ...(db ? { db } : {}), ...(coll ? { coll } : {}) };
}

/** A Cosmos DB client span's name and attributes in OpenTelemetry's database conventions (never an item id). */
export function cosmosSpanNaming(
  operation: string,
  db: string,
  coll: string | undefined,
): { name: string; attributes: Attributes } {
  return {
    name: `${operation} ${db}${coll ? `.${coll}` : ''}`,
    attributes: {
      'db.system.name': 'azure.cosmosdb',
      'db.operation.name': operation,
      'db.namespace': db,
      ...(coll ? { 'db.collection.name': coll } : {}),
    },
  };
}

const tracing: Plugin = async (ctx, _node, next) => {
  // Calls inside a repository's own span, outside any recording span (tracing off) and account and metadata
  // reads (no database in the path) are left alone; the cheap context checks first, on every call.
  const active = context.active();
  if (active.getValue(IN_COSMOS_SPAN) || !trace.getSpan(active)?.isRecording()) return next(ctx);
  const { db, coll } = names(ctx.path);
  if (!db) return next(ctx);
  const { name, attributes } = cosmosSpanNaming(operationName(ctx), db, coll);
  const span = appTracer().startSpan(name, { kind: SpanKind.CLIENT, attributes }, active);
  try {
    const res = await context.with(trace.setSpan(active, span), () => next(ctx));
    if (typeof res.code === 'number') span.setAttribute('db.response.status_code', String(res.code));
    const charge = Number(res.headers?.['x-ms-request-charge']);
    if (Number.isFinite(charge)) span.setAttribute('azure.cosmosdb.operation.request_charge', charge);
    return res;
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'number') span.setAttribute('db.response.status_code', String(code));
    // 404, 409 and 412 are answers the repositories act on (absent, exists, lost race), not failures.
    if (typeof code !== 'number' || ![404, 409, 412].includes(code))
      span.setStatus({
        code: SpanStatusCode.ERROR,
        message: err instanceof Error ? err.message : String(err),
      });
    throw err;
  } finally {
    span.end();
  }
};

/**
 * @azure/cosmos 4.x starts no span of its own, so its calls would be missing from the traces: these plugins of
 * the client (`CosmosClientOptions.plugins`, a hidden but long-standing SDK option) start one client span per
 * operation (`operation` level: retries inside it) and per query page request (queries reach only the
 * `request` level). With tracing off the active span never records, so each call only checks that and goes on.
 */
export const cosmosTracingPlugins = [
  { on: 'operation', plugin: tracing },
  {
    on: 'request',
    plugin: ((ctx, node, next) =>
      ctx.operationType === 'query' ? tracing(ctx, node, next) : next(ctx)) as Plugin,
  },
] as const;
