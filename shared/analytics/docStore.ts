/** A document with the ETag it was read or written with. */
export interface Stored<T> {
  doc: T;
  etag: string;
}

/**
 * The few optimistic-concurrency operations the projection needs from a container partitioned on `/id`.
 * `create` reports an existing id and `replace` a changed ETag as results rather than errors, because
 * both are the normal path of a lost race and the caller re-reads and retries.
 */
export interface DocStore<T extends { id: string }> {
  read(id: string): Promise<Stored<T> | undefined>;
  create(doc: T): Promise<Stored<T> | 'exists'>;
  replace(doc: T, etag: string): Promise<Stored<T> | 'stale'>;
  query<R>(
    sql: string,
    parameters?: ReadonlyArray<{ name: string; value: string | number | boolean }>,
  ): Promise<R[]>;
}
