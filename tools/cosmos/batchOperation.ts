import { CosmosWireError, ensureError } from './errors';
import { idProblem, itemTtlProblem } from './itemRules';
import { patchDocument } from './patchDocument';
import { sameValue, type StagedPartition } from './stagedPartition';
import type { Doc } from './vercelInternals';

/** One operation of a batch as the SDK serialises it (utils/batch.js); `partitionKey` is JSON text. */
export interface BatchOperation {
  operationType: 'Create' | 'Upsert' | 'Read' | 'Replace' | 'Delete' | 'Patch';
  id?: string;
  partitionKey?: string;
  ifMatch?: string;
  ifNoneMatch?: string;
  resourceBody?: unknown;
  /** The .NET SDK's EnableContentResponseOnWrite = false: the result carries no document. */
  minimalReturnPreference?: boolean;
}

export const OPERATION_TYPES: ReadonlySet<string> = new Set([
  'Create',
  'Upsert',
  'Read',
  'Replace',
  'Delete',
  'Patch',
]);

/** What one operation did: its status and, on success, the document as it then stood. */
export interface OperationOutcome {
  statusCode: number;
  doc?: Doc;
  /** Why it failed (a single PATCH request answers it; a batch answers only the status). */
  code?: string;
  message?: string;
}

const fail = (statusCode: number, code: string, message: string): OperationOutcome => ({
  statusCode,
  code,
  message,
});
const notFound = () => fail(404, 'NotFound', 'Entity with the specified id does not exist in the system.');
const preconditionFailed = (message?: string) =>
  fail(
    412,
    'PreconditionFailed',
    message ?? 'Operation cannot be performed because one of the specified precondition is not met.',
  );
const badRequest = (message: string) => fail(400, 'BadRequest', message);

/**
 * Runs one operation against the transaction's view of the partition. Failures are outcomes (status and
 * message), never exceptions, so the batch can answer them in its 207; nothing is written on failure.
 */
export function runOperation(partition: StagedPartition, op: BatchOperation): OperationOutcome {
  switch (op.operationType) {
    case 'Create': {
      const body = bodyOf(op);
      if (typeof body === 'string') return badRequest(body);
      if (partition.read(body.id))
        return fail(409, 'Conflict', 'Entity with the specified id already exists in the system.');
      return written(partition, body, 201, () => partition.create(body));
    }
    case 'Upsert': {
      const body = bodyOf(op);
      if (typeof body === 'string') return badRequest(body);
      const existing = partition.read(body.id);
      if (!passes(op, existing)) return preconditionFailed();
      if (!existing) return written(partition, body, 201, () => partition.create(body));
      return written(partition, body, 200, () => partition.replace(body, existing));
    }
    case 'Read': {
      const existing = op.id === undefined ? undefined : partition.read(op.id);
      if (!existing) return notFound();
      if (op.ifNoneMatch !== undefined && matches(op.ifNoneMatch, existing)) return { statusCode: 304 };
      return { statusCode: 200, doc: existing };
    }
    case 'Replace': {
      const body = bodyOf(op);
      if (typeof body === 'string') return badRequest(body);
      if (op.id !== undefined && op.id !== body.id) return badRequest('replacing id is not allowed');
      const existing = partition.read(body.id);
      if (!existing) return notFound();
      if (!passes(op, existing)) return preconditionFailed();
      return written(partition, body, 200, () => partition.replace(body, existing));
    }
    case 'Delete': {
      const existing = op.id === undefined ? undefined : partition.read(op.id);
      if (!existing) return notFound();
      if (!passes(op, existing)) return preconditionFailed();
      partition.delete(existing.id);
      return { statusCode: 204 };
    }
    case 'Patch':
      return patch(partition, op);
  }
}

function patch(partition: StagedPartition, op: BatchOperation): OperationOutcome {
  const existing = op.id === undefined ? undefined : partition.read(op.id);
  if (!existing) return notFound();
  if (!passes(op, existing)) return preconditionFailed();
  const spec = op.resourceBody;
  const operations = Array.isArray(spec) ? spec : (spec as { operations?: unknown } | undefined)?.operations;
  const condition = Array.isArray(spec)
    ? undefined
    : (spec as { condition?: unknown } | undefined)?.condition;
  if (condition !== undefined) {
    const met = conditionMet(partition, existing, condition);
    if (typeof met === 'string') return badRequest(met);
    if (!met) return preconditionFailed('Condition specified in the patch request is not satisfied.');
  }
  let patched: Doc;
  try {
    patched = patchDocument(existing, operations);
  } catch (err) {
    const e = ensureError(err);
    return e instanceof CosmosWireError ? fail(e.status, e.code, e.message) : badRequest(e.message);
  }
  if (patched.id !== existing.id) return badRequest('replacing id is not allowed');
  return written(partition, patched, 200, () => partition.replace(patched, existing));
}

/** Cosmos DB's patch condition is a `FROM c WHERE ...` filter, evaluated on this one document. */
function conditionMet(partition: StagedPartition, doc: Doc, condition: unknown): boolean | string {
  if (typeof condition !== 'string' || !/^\s*from\s/i.test(condition)) {
    return 'Invalid condition in patch request: expected "FROM <alias> WHERE <filter>".';
  }
  try {
    const query = partition.documents._getQuery(`SELECT VALUE 1 ${condition}`);
    return query.exec([doc], {}).result.length > 0;
  } catch (err) {
    return `Invalid condition in patch request: ${ensureError(err).message}`;
  }
}

/** Writes `body` after the checks every write shares: valid id and ttl, partition key unchanged, unique keys free. */
function written(
  partition: StagedPartition,
  body: Record<string, unknown>,
  statusCode: number,
  write: () => Doc,
): OperationOutcome {
  const invalid = idProblem(body.id) ?? itemTtlProblem(body.ttl);
  if (invalid) return badRequest(invalid);
  if (!sameValue(partition.partitionOf(body), partition.partitionKey)) {
    return badRequest("PartitionKey extracted from document doesn't match the one specified in the header.");
  }
  const clash = partition.uniqueKeyConflict(body);
  if (clash) return fail(409, 'Conflict', `Unique index constraint violation on ${clash}.`);
  return { statusCode, doc: write() };
}

function bodyOf(op: BatchOperation): (Record<string, unknown> & { id: string }) | string {
  const body = op.resourceBody;
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return 'The document body is missing.';
  const id = (body as { id?: unknown }).id;
  if (typeof id !== 'string' || id === '')
    return "The input content is invalid because the required properties - 'id; ' - are missing";
  return body as Record<string, unknown> & { id: string };
}

/** If-Match must name the current version (`*`: any existing one); If-None-Match must not. */
function passes(op: BatchOperation, existing: Doc | undefined): boolean {
  if (op.ifMatch !== undefined && (!existing || !matches(op.ifMatch, existing))) return false;
  if (op.ifNoneMatch !== undefined && existing && matches(op.ifNoneMatch, existing)) return false;
  return true;
}

function matches(condition: string, doc: Doc): boolean {
  return condition === '*' || condition === doc._etag;
}
