/** `read` serves only indexed documents inside indexed folders: absolute paths, no `..`, no symlink out, no ignored files. */
import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { ReadRefusedError } from '../../../electron/api/errors.ts';
import { readDocument } from '../../../electron/api/read-document.ts';
import type { Engine } from '../../../electron/core/engine.ts';
import { openEngine } from '../../../electron/core/open-engine.ts';
import { emlMessage } from '../../helpers/mail-files.ts';
import { SAMPLE_FILES, writeFiles } from '../../helpers/sample-folder.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const engines: Engine[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.dispose()));
});

async function indexed(): Promise<{ engine: Engine; folder: string; outside: string }> {
  const root = await tempDir();
  const folder = join(root, 'docs');
  const outside = join(root, 'private');
  await writeFiles(folder, { ...SAMPLE_FILES, '.env': 'API_KEY=do-not-show\n', 'keys/aws.md': '# Keys\n\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n' });
  await writeFiles(outside, { 'secret.md': '# Secret\n\nThe vault code is 1234.\n' });
  await symlink(join(outside, 'secret.md'), join(folder, 'link.md'));
  await mkdir(join(folder, 'empty'));
  const engine = await openEngine({ dataDir: join(root, 'data') });
  engines.push(engine);
  await engine.index([folder]);
  return { engine, folder, outside };
}

async function refusal(work: Promise<unknown>): Promise<ReadRefusedError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ReadRefusedError);
  return error as ReadRefusedError;
}

describe('read', () => {
  it('gives a line range of an indexed document, with the total and whether more follows', async () => {
    const { engine, folder } = await indexed();
    const read = await readDocument(engine, { path: join(folder, 'handbook/vacation.md'), startLine: 5, endLine: 6 });
    expect(read).toMatchObject({ unit: 'line', start: 5, end: 6, total: 10, more: true, redacted: false, format: 'markdown' });
    expect(read.text).toBe('Employees accrue twenty days of paid vacation per year.\nUnused vacation days carry over until March.');
    const whole = await readDocument(engine, { path: join(folder, 'notes/meeting.txt') });
    expect(whole).toMatchObject({ start: 1, more: false });
    expect(whole.text).toContain('quarterly roadmap review');
  });

  it('refuses paths outside the indexed folders, through "..", through a symlink out, relative ones and ignored files', async () => {
    const { engine, folder, outside } = await indexed();
    expect((await refusal(readDocument(engine, { path: join(outside, 'secret.md') }))).reason).toBe('outside-folders');
    expect((await refusal(readDocument(engine, { path: `${folder}/../private/secret.md` }))).reason).toBe('parent-segment');
    expect((await refusal(readDocument(engine, { path: `${folder}/handbook/../handbook/vacation.md` }))).reason).toBe('parent-segment');
    expect((await refusal(readDocument(engine, { path: join(folder, 'link.md') }))).reason).toBe('symlink-out');
    expect((await refusal(readDocument(engine, { path: 'docs/handbook/vacation.md' }))).reason).toBe('relative-path');
    const env = await refusal(readDocument(engine, { path: join(folder, '.env') }));
    expect(env.reason).toBe('not-indexed');
    expect(env.code).toBe('PERMISSION_DENIED');
    expect((await refusal(readDocument(engine, { path: join(folder, 'empty') }))).reason).toBe('not-indexed');
  });

  it('gives redacted text in a folder that redacts secrets, and refuses a range that does not exist', async () => {
    const { engine, folder } = await indexed();
    engine.updateFolderSettings(folder, { redact: true });
    await engine.index([folder]);
    const read = await readDocument(engine, { path: join(folder, 'keys/aws.md') });
    expect(read.redacted).toBe(true);
    expect(read.text).not.toContain('wJalrXUtnFEMI');
    expect(read.text).toContain('[REDACTED:');
    await expect(readDocument(engine, { path: join(folder, 'keys/aws.md'), startLine: 50 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(readDocument(engine, { path: join(folder, 'keys/aws.md'), startLine: 3, endLine: 2 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('reads compressed, extension-less and mail documents on the lines their citations give', async () => {
    const folder = await tempDir();
    await writeFiles(folder, {
      'changelog.gz': gzipSync('first entry\n\nsecond entry about the osprey\n'),
      'README.Debian': 'notes line one\nnotes line two\n',
      'crane.eml': emlMessage({ subject: 'Crane', text: 'The winch is broken.\n' }),
    });
    const engine = await openEngine({ dataDir: join(await tempDir(), 'data') });
    engines.push(engine);
    await engine.index([folder]);
    const osprey = (await engine.search('osprey', { mode: 'bm25' })).results[0];
    expect(osprey).toMatchObject({ path: join(folder, 'changelog.gz') });
    const read = await readDocument(engine, { path: join(folder, 'changelog.gz'), startLine: 3, endLine: 3 });
    expect(read).toMatchObject({ unit: 'line', text: 'second entry about the osprey' });
    expect(await readDocument(engine, { path: join(folder, 'README.Debian'), startLine: 2, endLine: 2 })).toMatchObject({ text: 'notes line two' });
    const winch = (await engine.search('winch', { mode: 'bm25' })).results[0];
    expect(winch?.path).toBe(join(folder, 'crane.eml'));
    const mail = await readDocument(engine, { path: join(folder, 'crane.eml'), startLine: winch!.startLine, endLine: winch!.endLine });
    expect(mail.text).toContain('The winch is broken.');
  });
});
