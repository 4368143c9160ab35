/**
 * Redaction end to end: with `redact` on, secrets never reach the index (chunks, full text, search), lines stay
 * right, the report says kind/file/line only; turning it on or off re-indexes the folder. Real SQLite, real files.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/core/engine.ts';
import { Store } from '../../../electron/core/store/sqlite/store.ts';
import { runCli } from '../../helpers/run-cli.ts';
import { writeFiles } from '../../helpers/sample-folder.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const AWS = ['AKIA', 'Q4XJ7PLM2ZRT8VWN'].join('');
const PASSWORD = 'Tr0ub4dor-and-3';
const FILES = {
  'deploy/app-settings.txt': `# deployment settings\nAWS_ACCESS_KEY_ID=${AWS}\nDB_PASSWORD=${PASSWORD}\nREGION=eu-west-1\n`,
  'notes/billing.md': '# Billing\n\nThe test card 4111 1111 1111 1111 was charged.\nOrder 4111 1111 1111 1112 is fine.\n',
  'notes/plain.md': '# Plain\n\nNothing secret in this note about the deployment region.\n',
};

/** Every chunk text in the index, from all folders. */
function allChunkTexts(store: Store): string {
  return store.folders
    .list()
    .flatMap((folder) => [...store.documents.statesForFolder(folder.id).values()])
    .flatMap((state) => store.documents.chunksOf(state.id).map((chunk) => chunk.text))
    .join('\n');
}

describe('redaction before indexing', () => {
  it('keeps secrets out of chunks and search, keeps lines right, and reports kind/file/line', async () => {
    const folder = await tempDir();
    await writeFiles(folder, FILES);
    const engine = new Engine({ store: Store.open(join(await tempDir(), 'trove.db')) });
    await engine.addFolders([folder]);
    engine.updateFolderSettings(folder, { redact: true });
    await engine.index([folder]);

    const texts = allChunkTexts(engine.store);
    expect(texts).toContain('AWS_ACCESS_KEY_ID=[REDACTED:aws-access-key]');
    for (const secret of [AWS, PASSWORD, '4111 1111 1111 1111']) expect(texts).not.toContain(secret);
    expect(texts).toContain('4111 1111 1111 1112'); // fails Luhn: not a card
    expect((await engine.search(AWS, { mode: 'bm25' })).results).toEqual([]);
    expect((await engine.search(PASSWORD, { mode: 'bm25' })).results).toEqual([]);
    // The key names stay searchable, at the right lines.
    const [hit] = (await engine.search('DB_PASSWORD', { mode: 'bm25' })).results;
    expect(hit).toMatchObject({ path: join(folder, 'deploy/app-settings.txt'), startLine: 1, endLine: 4 });
    expect(hit?.text.split('\n')[2]).toBe('DB_PASSWORD=[REDACTED:password]');

    expect(engine.status().redactions).toEqual([
      { path: join(folder, 'deploy/app-settings.txt'), kind: 'aws-access-key', startLine: 2, endLine: 2 },
      { path: join(folder, 'deploy/app-settings.txt'), kind: 'password', startLine: 3, endLine: 3 },
      { path: join(folder, 'notes/billing.md'), kind: 'payment-card', startLine: 3, endLine: 3 },
    ]);

    // Off again: the unchanged files are re-indexed as they are, and the report empties.
    engine.updateFolderSettings(folder, { redact: false });
    await engine.index([folder]);
    expect(allChunkTexts(engine.store)).toContain(AWS);
    expect(engine.status().redactions).toEqual([]);
    await engine.dispose();
  });

  it('is off by default', async () => {
    const folder = await tempDir();
    await writeFiles(folder, FILES);
    const engine = new Engine({ store: Store.open(join(await tempDir(), 'trove.db')) });
    await engine.index([folder]);
    expect(allChunkTexts(engine.store)).toContain(AWS);
    await engine.dispose();
  });

  it('CLI: folder set --redact, index --redact, trove redactions and status --json', async () => {
    const folder = await tempDir();
    await writeFiles(folder, FILES);
    const dataDir = await tempDir();
    const trove = (...args: string[]) => runCli(['--data-dir', dataDir, ...args]);
    expect((await trove('index', folder)).code).toBe(0);
    expect((await trove('search', 'AWS_ACCESS_KEY_ID', '--json')).stdout).toContain(AWS);

    const set = await trove('folder', 'set', folder, '--redact');
    expect(set.stdout).toMatch(/redaction of secrets: on/);
    expect((await trove('index')).stdout).toMatch(/3 indexed/);
    expect((await trove('search', 'AWS_ACCESS_KEY_ID', '--json')).stdout).not.toContain(AWS);

    const listed = await trove('redactions');
    expect(listed.stdout).toContain(`${join(folder, 'deploy/app-settings.txt')}:2  aws-access-key`);
    expect(listed.stdout).not.toContain(AWS);
    const status = JSON.parse((await trove('status', '--json')).stdout);
    expect(status.redactions).toHaveLength(3);
    expect(JSON.stringify(status)).not.toContain(PASSWORD);

    expect((await trove('folder', 'set', folder, '--no-redact')).stdout).toMatch(/redaction of secrets: off/);
    await trove('index');
    expect(JSON.parse((await trove('redactions', '--json')).stdout).redactions).toEqual([]);

    const other = await tempDir();
    await writeFiles(other, FILES);
    expect((await trove('index', other, '--redact')).code).toBe(0);
    expect(JSON.parse((await trove('redactions', '--json', '--folder', other)).stdout).redactions).toHaveLength(3);
  });
});
