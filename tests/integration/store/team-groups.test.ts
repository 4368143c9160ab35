// Access control on the shared index: folders belong to groups (PostgreSQL roles) and row-level security keyed
// on the connecting role shows a user only the folders of their groups: a user of another group gets no hit,
// by words or by vector, and cannot read the passage, its document or its folder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../../electron/core/store/postgres/postgres-store.ts';
import { chunksOf } from '../../helpers/chunks.ts';
import { HashingEmbedder } from '../../helpers/fake-embedder.ts';
import { postgresUnavailable, startPrivatePostgres, type PrivatePostgres } from '../../helpers/private-postgres.ts';
import { createGroupRoles } from '../../helpers/team-clients.ts';

const embedder = new HashingEmbedder(16);

describe.skipIf(postgresUnavailable !== undefined)('groups and row-level security', () => {
  let server: PrivatePostgres;
  let admin: PostgresStore;
  const users: PostgresStore[] = [];

  beforeAll(async () => {
    server = startPrivatePostgres();
    server.createDatabase('groups');
    admin = await PostgresStore.open(server.urlOf('groups'));
  });

  afterAll(async () => {
    for (const user of users) await user.dispose();
    await admin?.dispose();
    server?.dispose();
  });

  /** The index as `role` sees it: the same database, connected as that role. */
  async function as(role: string): Promise<PostgresStore> {
    const store = await PostgresStore.open(server.urlOf('groups').replace('trove@', `${role}@`));
    users.push(store);
    return store;
  }

  async function indexed(folder: string, path: string, text: string): Promise<number> {
    const folderId = await admin.addFolder(folder, 1);
    const chunks = chunksOf(text);
    await admin.writeDocument(
      { folderId, path, ext: 'md', size: text.length, mtimeMs: 1, indexedAt: 1 },
      { chunks, chunkFingerprint: 'c1', embedding: { fingerprint: 'e1', vectors: await embedder.embedDocuments(chunks.map((c) => c.text)) } },
    );
    return folderId;
  }

  it('shows each user only the folders of their groups, in search, vectors, passages and folder lists', async () => {
    await admin.useVectorFingerprint('e1', embedder.dimensions);
    const design = await indexed('/share/design', '/share/design/zeppelin.md', 'The zeppelin hangar plans for the spring launch.');
    const finance = await indexed('/share/finance', '/share/finance/budget.md', 'The zeppelin budget for the spring launch.');
    await indexed('/share/public', '/share/public/welcome.md', 'Welcome aboard: the zeppelin tour starts at noon.');

    await createGroupRoles(server.urlOf('groups'));
    await admin.folders.setGroup(design, 'designers');
    await admin.folders.setGroup(finance, 'accountants');

    const alice = await as('alice');
    const bob = await as('bob');
    const paths = async (store: PostgresStore, ids: readonly number[]) => (await store.hydrate(ids)).map((hit) => hit.path).sort();

    const aliceHits = await alice.rankLexical('zeppelin', 10, {});
    expect(await paths(alice, aliceHits.map((hit) => hit.id))).toEqual(['/share/design/zeppelin.md', '/share/public/welcome.md']);
    const bobHits = await bob.rankLexical('zeppelin', 10, {});
    expect(await paths(bob, bobHits.map((hit) => hit.id))).toEqual(['/share/finance/budget.md', '/share/public/welcome.md']);

    // Bob cannot read Alice's passage even by its id, nor find it by vector, nor see its document or folder.
    const hangar = aliceHits.map((hit) => hit.id).filter((id) => !bobHits.some((hit) => hit.id === id));
    expect(hangar).toHaveLength(1);
    expect(await bob.hydrate(hangar)).toEqual([]);
    expect(await bob.passing(hangar, {})).toEqual(new Set());
    const query = await embedder.embedQuery('zeppelin hangar plans');
    expect((await bob.nearest(query, 10)).map((hit) => hit.id)).not.toContain(hangar[0]);
    expect(await bob.similarities(query, hangar)).toEqual([]);
    expect((await alice.nearest(query, 10)).map((hit) => hit.id)).toContain(hangar[0]);
    expect(await bob.stateByPath('/share/design/zeppelin.md')).toBeUndefined();
    expect((await bob.folders.list()).map((folder) => folder.path)).toEqual(['/share/finance', '/share/public']);
    // The owner administers the index and sees everything.
    expect((await admin.folders.list()).map((folder) => folder.path)).toEqual(['/share/design', '/share/finance', '/share/public']);
  });
});
