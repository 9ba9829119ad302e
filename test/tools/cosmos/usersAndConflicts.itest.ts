import { PermissionMode, type Database } from '@azure/cosmos';
import { useOfflineCosmos } from '../../support/useOfflineCosmos';

describe('offline Cosmos DB: users, permissions and the conflicts feed', () => {
  const offline = useOfflineCosmos({ client: 'sdk' });
  let db: Database;

  beforeAll(async () => {
    db = (await offline.client.databases.create({ id: 'people' })).database;
    await db.containers.create({ id: 'docs', partitionKey: '/pk' });
  });

  it('answers the conflicts feed of a single-region account: empty', async () => {
    const container = db.container('docs');
    expect((await container.conflicts.readAll().fetchAll()).resources).toEqual([]);
    expect((await container.conflicts.query('SELECT * FROM c').fetchAll()).resources).toEqual([]);
  });

  it('creates, reads, lists, queries, replaces and deletes users', async () => {
    const { resource, user } = await db.users.create({ id: 'alice' });
    expect(resource?.id).toBe('alice');
    await expect(db.users.create({ id: 'alice' })).rejects.toMatchObject({ code: 409 });
    expect((await user.read()).resource?._rid).toBe(resource?._rid);
    await db.users.upsert({ id: 'bob' });
    expect((await db.users.readAll().fetchAll()).resources.map((u) => u.id).sort()).toEqual(['alice', 'bob']);
    const found = await db.users
      .query<{ id: string }>({
        query: 'SELECT * FROM u WHERE u.id = @id',
        parameters: [{ name: '@id', value: 'bob' }],
      })
      .fetchAll();
    expect(found.resources.map((u) => u.id)).toEqual(['bob']);
    await db.user('bob').delete();
    await expect(db.user('bob').read()).rejects.toMatchObject({ code: 404 });
  });

  it('creates permissions with a resource token and removes them with their user', async () => {
    const user = db.user('alice');
    const container = db.container('docs');
    const { resource } = await user.permissions.create({
      id: 'read-docs',
      permissionMode: PermissionMode.Read,
      resource: container.url,
    });
    expect(resource?._token).toEqual(expect.any(String));
    expect((await user.permission('read-docs').read()).resource?.resource).toBe(container.url);
    await user
      .permission('read-docs')
      .replace({ id: 'read-docs', permissionMode: PermissionMode.All, resource: container.url });
    expect((await user.permissions.readAll().fetchAll()).resources.map((p) => p.permissionMode)).toEqual([
      PermissionMode.All,
    ]);
    await expect(
      user.permissions.create({
        id: 'bad',
        permissionMode: 'Write' as PermissionMode,
        resource: container.url,
      }),
    ).rejects.toMatchObject({ code: 400 });
    await user.delete();
    await db.users.create({ id: 'alice' });
    expect((await db.user('alice').permissions.readAll().fetchAll()).resources).toEqual([]);
  });
});
