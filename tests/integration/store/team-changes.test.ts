// The shared index's change feed (migration 6, change-feed.ts): a client showing the index hears of another
// client's committed work (a folder added, a document written, a lease taken) without polling; the feed comes
// back by itself after the server restarts (and reports a change then, since some may have been missed); once
// closed it reports nothing. And the overview names the client holding a folder's lease.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../../electron/core/store/postgres/postgres-store.ts';
import type { ChangeSubscription } from '../../../electron/core/ports.ts';
import { chunksOf } from '../../helpers/chunks.ts';
import { postgresUnavailable, startPrivatePostgres, type PrivatePostgres } from '../../helpers/private-postgres.ts';

const facts = (folderId: number, path: string) => ({ folderId, path, ext: 'txt', format: 'text', size: 1, mtimeMs: 1, indexedAt: 1 });

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.skipIf(postgresUnavailable !== undefined)('changes to a shared index, as other clients commit them', () => {
  let server: PrivatePostgres;
  let viewer: PostgresStore;
  let writer: PostgresStore;
  let feed: ChangeSubscription | undefined;
  let heard = 0;

  beforeAll(async () => {
    server = startPrivatePostgres();
    viewer = await PostgresStore.open(server.url);
    writer = await PostgresStore.open(server.url);
  });

  afterAll(async () => {
    await feed?.close();
    await viewer?.dispose();
    await writer?.dispose();
    server?.dispose();
  });

  it("hears another client's folders, documents and leases, again after a server restart, and nothing once closed", async () => {
    feed = await viewer.watchChanges(() => heard++);
    const folderId = await writer.addFolder('/share/docs', 1);
    await until(() => heard > 0, 2000);

    heard = 0;
    await writer.writeDocument(facts(folderId, '/share/docs/a.txt'), { chunks: chunksOf('the zeppelin hangar opens in spring'), chunkFingerprint: 'c' });
    await until(() => heard > 0, 2000);

    heard = 0;
    expect(await writer.leases.acquire(folderId, 'laptop-b:77', 30_000)).toBe(true);
    await until(() => heard > 0, 2000);
    expect((await viewer.overview()).folders.map((f) => [f.path, f.heldBy])).toEqual([['/share/docs', 'laptop-b:77']]);
    await writer.leases.release(folderId, 'laptop-b:77');
    expect((await viewer.overview()).folders[0]?.heldBy).toBeNull();

    // The server restarts: the feed connects again by itself and says something may have changed meanwhile.
    server.stop('fast');
    server.start();
    heard = 0;
    await until(() => heard > 0, 10_000);
    heard = 0;
    await writer.writeDocument(facts(folderId, '/share/docs/b.txt'), { chunks: chunksOf('the hangar doors are painted red'), chunkFingerprint: 'c' });
    await until(() => heard > 0, 2000);

    await feed.close();
    feed = undefined;
    heard = 0;
    await writer.writeDocument(facts(folderId, '/share/docs/c.txt'), { chunks: chunksOf('a third file'), chunkFingerprint: 'c' });
    // A notification would arrive within milliseconds; the other client's feed, still open, proves one was sent.
    let other = 0;
    const witness = await writer.watchChanges(() => other++);
    await writer.writeDocument(facts(folderId, '/share/docs/d.txt'), { chunks: chunksOf('a fourth file'), chunkFingerprint: 'c' });
    await until(() => other > 0, 2000);
    await witness.close();
    expect(heard).toBe(0);
  });
});
