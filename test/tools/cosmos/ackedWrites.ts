import { ChangeFeedStartFrom, CosmosClient, StatusCodes, type Container } from '@azure/cosmos';

export const EMULATOR_KEY =
  'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';
/** About 2 KB per document, so a few hundred span several snapshot chunks. */
export const PADDING = 'x'.repeat(2000);

/** What the client knows was acknowledged: id -> last acknowledged version (null = deleted), and what was in flight. */
export interface AckedWrites {
  acked: Map<string, number | null>;
  inFlight: Map<string, number | null>;
}

export function newAckedWrites(): AckedWrites {
  return { acked: new Map(), inFlight: new Map() };
}

export function copyOf(w: AckedWrites): AckedWrites {
  return { acked: new Map(w.acked), inFlight: new Map(w.inFlight) };
}

/**
 * One writer per prefix (so one id is never written by two requests at once): creates, replaces (version + 1)
 * and deletes through the SDK until `stop()`, recording each acknowledgement. Errors (the process was killed)
 * end the writer quietly; what was in flight then stays in `inFlight`.
 */
export async function writeUntil(
  users: Container,
  prefix: string,
  w: AckedWrites,
  stop: () => boolean,
): Promise<void> {
  let next = 0;
  const mine: string[] = [];
  try {
    for (let op = 0; !stop(); op += 1) {
      const pick = op % 5;
      if (pick === 4 && mine.length > 2) {
        const id = mine.shift() as string;
        w.inFlight.set(id, null);
        await users.item(id, id).delete();
        w.acked.set(id, null);
        w.inFlight.delete(id);
      } else if (pick >= 2 && mine.length > 0) {
        const id = mine[op % mine.length] as string;
        const version = (w.acked.get(id) as number) + 1;
        w.inFlight.set(id, version);
        await users.item(id, id).replace({ id, version, padding: PADDING });
        w.acked.set(id, version);
        w.inFlight.delete(id);
      } else {
        const id = `${prefix}-${next++}`;
        w.inFlight.set(id, 1);
        await users.items.create({ id, version: 1, padding: PADDING });
        w.acked.set(id, 1);
        w.inFlight.delete(id);
        mine.push(id);
      }
    }
  } catch {
    // The emulator went away mid-request: the write in flight may or may not have been kept.
  }
}

/** Everything `identity/users` holds, by id, and the change feed read from the beginning and from `continuation`. */
export async function readBack(
  endpoint: string,
  continuation: string | undefined,
): Promise<{ docs: Map<string, number>; feed: Array<{ id: string; _lsn: number }>; since: string[] }> {
  const client = new CosmosClient({ endpoint, key: EMULATOR_KEY });
  try {
    const users = client.database('identity').container('users');
    const { resources } = await users.items
      .query<{ id: string; version: number }>('SELECT c.id, c.version FROM c')
      .fetchAll();
    const drain = async (from: ChangeFeedStartFrom) => {
      const out: Array<{ id: string; _lsn: number }> = [];
      const it = users.items.getChangeFeedIterator<{ id: string; _lsn: number }>({
        changeFeedStartFrom: from,
      });
      for (;;) {
        const page = await it.readNext();
        if (page.statusCode === StatusCodes.NotModified) return out;
        out.push(...page.result);
      }
    };
    return {
      docs: new Map(resources.map((d) => [d.id, d.version])),
      feed: await drain(ChangeFeedStartFrom.Beginning()),
      since: continuation
        ? (await drain(ChangeFeedStartFrom.Continuation(continuation))).map((d) => d.id)
        : [],
    };
  } finally {
    client.dispose();
  }
}

/**
 * The invariant after a crash: every acknowledged write is there exactly as acknowledged (a write in flight
 * may be there or not); the change feed lists every live document once, in increasing LSN order; read from
 * a continuation taken before the writes, it lists every document written since. Returns the problems found.
 */
export function problemsOf(
  w: AckedWrites,
  back: Awaited<ReturnType<typeof readBack>>,
  prefix: RegExp,
): string[] {
  const problems: string[] = [];
  for (const [id, version] of w.acked) {
    const found = back.docs.get(id) ?? null;
    const allowed = [version, ...(w.inFlight.has(id) ? [w.inFlight.get(id) ?? null] : [])];
    if (!allowed.includes(found))
      problems.push(`${id}: acknowledged ${String(version)}, found ${String(found)}`);
  }
  for (const id of back.docs.keys())
    if (prefix.test(id) && !w.acked.has(id) && !w.inFlight.has(id)) problems.push(`${id}: never written`);
  const lsns = back.feed.map((d) => d._lsn);
  if (lsns.some((lsn, i) => i > 0 && lsn <= (lsns[i - 1] as number)))
    problems.push('feed LSNs not increasing');
  const fed = new Set(back.feed.map((d) => d.id));
  if (fed.size !== back.docs.size || [...back.docs.keys()].some((id) => !fed.has(id)))
    problems.push(`feed lists ${fed.size} documents, the container holds ${back.docs.size}`);
  const since = new Set(back.since);
  for (const id of back.docs.keys())
    if (prefix.test(id) && !since.has(id)) problems.push(`${id}: not in the feed since`);
  return problems;
}
