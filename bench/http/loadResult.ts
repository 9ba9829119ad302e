/** One fixed-duration, fixed-concurrency load run, however it was generated. */
export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  ok: number;
  failed: number;
  durationS: number;
}
