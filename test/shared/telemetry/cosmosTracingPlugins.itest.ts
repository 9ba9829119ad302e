import { context, trace } from '@opentelemetry/api';
import { cosmosSpan } from '../../../shared/telemetry/cosmosSpan';
import { useOfflineCosmos } from '../../support/useOfflineCosmos';
import { useInMemoryTracing } from '../../support/useInMemoryTracing';

// The app's own Cosmos DB client (createCosmosClient, with the tracing plugins) against the offline Cosmos DB over
// a real socket; spans collected in memory.
const cosmos = useOfflineCosmos();
const exporter = useInMemoryTracing();

const inParent = <T>(fn: () => Promise<T>): Promise<T> => {
  const parent = trace.getTracer('test').startSpan('invocation');
  return context.with(trace.setSpan(context.active(), parent), fn).finally(() => parent.end());
};
const container = () => cosmos.client.database('email').container('sentEmails');
const childSpans = () => exporter.getFinishedSpans().filter((s) => s.name !== 'invocation');

describe('Cosmos DB client spans', () => {
  it('starts one client span per operation and query page, named by operation, database and container', async () => {
    await inParent(async () => {
      await container().items.create({ id: 'traced-1', state: 'sending' });
      await container().item('traced-1', 'traced-1').read();
      await container().item('traced-1', 'traced-1').replace({ id: 'traced-1', state: 'sent' });
      await container().items.query('SELECT * FROM c WHERE c.id = "traced-1"').fetchAll();
    });
    const spans = childSpans();
    expect(spans.map((s) => s.name)).toEqual(
      expect.arrayContaining([
        'create_item email.sentEmails',
        'read_item email.sentEmails',
        'replace_item email.sentEmails',
        'query_items email.sentEmails',
      ]),
    );
    const parent = exporter.getFinishedSpans().find((s) => s.name === 'invocation')!;
    for (const s of spans) {
      expect(s.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
      expect(s.attributes).toMatchObject({ 'db.system.name': 'azure.cosmosdb', 'db.namespace': 'email' });
      // The item id is no attribute of the span (and no part of its name).
      expect(JSON.stringify(s.attributes)).not.toContain('traced-1');
    }
    expect(spans.find((s) => s.name.startsWith('create_item'))?.attributes['db.response.status_code']).toBe(
      '201',
    );
  });

  it('records an absent item (404) as an answer, not an error', async () => {
    await inParent(() => container().item('absent', 'absent').read());
    const [read] = childSpans();
    expect(read).toMatchObject({ name: 'read_item email.sentEmails', status: { code: 0 } });
    expect(read!.attributes['db.response.status_code']).toBe('404');
  });

  it('starts nothing outside a recording span, nor inside a repository span of its own', async () => {
    await container().item('absent', 'absent').read();
    expect(exporter.getFinishedSpans()).toHaveLength(0);
    await inParent(() =>
      cosmosSpan('upsert_item', 'email', 'sentEmails', () => container().items.upsert({ id: 'traced-2' })),
    );
    expect(childSpans().map((s) => s.name)).toEqual(['upsert_item email.sentEmails']);
  });
});
