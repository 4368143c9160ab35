// A passage kept in two files (a page and the whole manual exported as one file) is one search result that says
// where its copy is, so the next distinct passage takes the freed place in the top k: real index, real SQLite.
import { describe, expect, it } from 'vitest';
import { useIndexedEngines } from '../../helpers/indexed-engine.ts';

const indexFiles = useIndexedEngines();

const BACKUPS = [
  '# Backups',
  '',
  'Backups of the box can be sent to a remote server over SSH. Choose the apps to back up, then the remote',
  'location and a passphrase; the archive is encrypted before it leaves the box, and kept on the server.',
  '',
].join('\n');
const RESTORE = '# Restore\n\nTo restore, pick an archive on the server and the apps to bring back from the remote copy.\n';

describe('search over copies of one passage', () => {
  it('returns the passage once, lists its copy, and fills the top k with the next distinct passage', async () => {
    const { engine, folder } = await indexFiles({
      'pages/backups.md': BACKUPS,
      'whole-manual.md': `# Manual\n\nIntroduction to the box.\n\n${BACKUPS.replaceAll('over SSH. Choose', 'over SSH.\nChoose')}`,
      'pages/restore.md': RESTORE,
    });

    const { results } = await engine.search('back up to a remote server', { k: 2, mode: 'bm25' });

    expect(results.map((hit) => hit.path.replace(`${folder}/`, ''))).toContain('pages/restore.md');
    const backups = results.find((hit) => hit.text.includes('archive is encrypted'));
    expect(backups?.alsoIn).toHaveLength(1);
    expect([backups?.path, backups?.alsoIn[0]?.path].map((path) => path?.replace(`${folder}/`, '')).sort()).toEqual(['pages/backups.md', 'whole-manual.md']);
  });
});
