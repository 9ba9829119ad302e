import type { AnalyticsDoc, ProjectionDoc } from './analyticsDocs';
import type { Counters } from './counters';
import type { Stored } from './docStore';

/** One operation of a projection batch; all of a batch's operations are in one shard (logical partition). */
export type ProjectionOp =
  | { type: 'create'; doc: AnalyticsDoc }
  | { type: 'replace'; doc: ProjectionDoc; ifMatch: string }
  /** Adds each counter to `counters.<key>` of document `id`, creating missing keys; 404 if `id` is missing. */
  | { type: 'increment'; id: string; counters: Counters };

/**
 * A batch is all or nothing. On failure, `index` is the operation that failed and `status` its own status
 * (409 create of an existing id, 412 stale ETag, 404 missing document); nothing was written.
 */
export type BatchOutcome = { ok: true } | { ok: false; index: number; status: number };

/** The container `projections` (partition key `/shard`) as the analytics projection uses it. */
export interface ProjectionStore {
  read(id: string, shard: number): Promise<Stored<ProjectionDoc> | undefined>;
  batch(shard: number, ops: readonly ProjectionOp[]): Promise<BatchOutcome>;
  query<R>(
    sql: string,
    parameters?: ReadonlyArray<{ name: string; value: string | number | boolean }>,
  ): Promise<R[]>;
}
