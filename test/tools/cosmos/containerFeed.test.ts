import { ContainerFeed } from '../../../tools/cosmos/containerFeed';
import type { Doc } from '../../../tools/cosmos/vercelInternals';

function doc(id: string, lsn: number): Doc {
  return { id, _rid: id, _ts: 0, _etag: '', _lsn: lsn };
}

describe('ContainerFeed', () => {
  it('hands out increasing LSNs and lists documents after an LSN in LSN order', () => {
    const feed = new ContainerFeed();
    const a = doc('a', feed.next());
    const b = doc('b', feed.next());
    feed.added(a);
    feed.added(b);
    expect([...feed.after(0)].map((d) => d.id)).toEqual(['a', 'b']);
    expect([...feed.after(1)].map((d) => d.id)).toEqual(['b']);
  });

  it('moves a rewritten document to the end, keeping only its latest version', () => {
    const feed = new ContainerFeed();
    const a1 = doc('a', feed.next());
    feed.added(a1);
    feed.added(doc('b', feed.next()));
    feed.removed(a1);
    feed.added(doc('a', feed.next()));
    expect([...feed.after(0)].map((d) => [d.id, d._lsn])).toEqual([
      ['b', 2],
      ['a', 3],
    ]);
  });

  it('keeps LSN order when a restore adds documents out of order, and continues after the highest', () => {
    const feed = new ContainerFeed();
    feed.added(doc('late', 9));
    feed.added(doc('early', 4));
    expect([...feed.after(0)].map((d) => d.id)).toEqual(['early', 'late']);
    expect(feed.next()).toBe(10);
  });

  it('stays correct through many rewrites (gaps compacted) and reads the tail after any LSN', () => {
    const feed = new ContainerFeed();
    const current = new Map<string, Doc>();
    for (let i = 0; i < 5000; i += 1) {
      const id = `d${i % 100}`;
      const old = current.get(id);
      if (old) feed.removed(old);
      const d = doc(id, feed.next());
      current.set(id, d);
      feed.added(d);
    }
    expect(feed.size).toBe(100);
    const all = [...feed.after(0)];
    expect(all.map((d) => d._lsn)).toEqual(Array.from({ length: 100 }, (_, i) => 4901 + i));
    expect([...feed.after(4990)].map((d) => d._lsn)).toEqual(Array.from({ length: 10 }, (_, i) => 4991 + i));
    expect([...feed.after(5000)]).toEqual([]);
  });

  it('lists a document added twice with the same LSN once', () => {
    const feed = new ContainerFeed();
    const a = doc('a', 1);
    feed.added(a);
    feed.added(a);
    expect([...feed.after(0)]).toHaveLength(1);
  });

  it('lists the live LSNs at an instant; a document rewritten after it is gone from its old LSN', () => {
    const feed = new ContainerFeed();
    const a1 = doc('a', feed.next());
    feed.added(a1);
    feed.added(doc('b', feed.next()));
    const lsns = feed.liveLsns();
    feed.removed(a1);
    feed.added(doc('a', feed.next()));
    expect(lsns).toEqual([1, 2]);
    expect(lsns.map((lsn) => feed.at(lsn)?.id)).toEqual([undefined, 'b']);
    expect(feed.liveLsns()).toEqual([2, 3]);
  });
});
