import type { EntitySnapshot, LogRecord, Persistence } from './Persistence';

/** No data dir: everything lives in the entities' own memory and is gone on exit. */
export class MemoryPersistence implements Persistence {
  readonly durable = false;

  load(): Promise<Map<string, EntitySnapshot>> {
    return Promise.resolve(new Map<string, EntitySnapshot>());
  }

  append(_record: LogRecord): void {}

  flush(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
