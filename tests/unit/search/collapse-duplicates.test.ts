import { describe, expect, it } from 'vitest';
import { collapseDuplicates, DUPLICATE_CONTAINMENT } from '../../../electron/core/search/collapse-duplicates.ts';
import type { ChunkHit } from '../../../electron/core/ports.ts';

let nextId = 1;
function chunk(path: string, text: string, page: number | null = null): ChunkHit {
  const id = nextId++;
  return { chunkId: id, documentId: id, folderId: 1, path, title: null, text, heading: '', startLine: 1, endLine: 4, page, indexedAt: 0 };
}

const BACKUPS =
  'Backups can be stored on a remote server over SSH. Choose the apps to include, then pick a location and a passphrase; the archive is encrypted before it leaves the box.';
const USERS = 'Administrators add a new user from the Users page: choose a name, a password and the groups the person belongs to.';

describe('collapseDuplicates', () => {
  it('keeps the first of two copies that differ only in layout, case and hyphenation marks, and says where the other is', () => {
    const copy = BACKUPS.replace(/ /g, '\n').replace('Backups', 'BACKUPS');
    const hits = [chunk('manual/Backups.html', BACKUPS), chunk('manual.pdf', copy, 145), chunk('manual/Users.html', USERS)];
    const distinct = collapseDuplicates(hits, 5);
    expect(distinct.map((hit) => hit.path)).toEqual(['manual/Backups.html', 'manual/Users.html']);
    expect(distinct[0]?.alsoIn).toEqual([{ path: 'manual.pdf', startLine: 1, endLine: 4, page: 145 }]);
    expect(distinct[1]?.alsoIn).toEqual([]);
  });

  it('treats a passage lying inside a longer kept passage as a copy', () => {
    const longer = `${USERS} ${BACKUPS} Restoring an archive replaces the app's data with the archived data.`;
    const distinct = collapseDuplicates([chunk('all-in-one.html', longer), chunk('Backups.html', BACKUPS)], 5);
    expect(distinct).toHaveLength(1);
    expect(distinct[0]?.alsoIn.map((copy) => copy.path)).toEqual(['Backups.html']);
  });

  it('keeps passages that share a sentence but mostly say other things', () => {
    const words = BACKUPS.split(' ');
    const half = `${words.slice(0, Math.floor(words.length * (1 - DUPLICATE_CONTAINMENT))).join(' ')} ${USERS} Passwords must be at least eight characters long and are checked against a list of leaked ones.`;
    expect(collapseDuplicates([chunk('a.html', BACKUPS), chunk('b.html', half)], 5)).toHaveLength(2);
  });

  it('does not call short passages copies because they share a few words, but does when their text is equal', () => {
    const distinct = collapseDuplicates([chunk('a.md', 'Restart the box.'), chunk('b.md', 'Restart the box now.'), chunk('c.md', 'restart THE box.')], 5);
    expect(distinct.map((hit) => hit.path)).toEqual(['a.md', 'b.md']);
    expect(distinct[0]?.alsoIn.map((copy) => copy.path)).toEqual(['c.md']);
  });

  it('returns at most `limit` distinct passages but still attaches copies found below them', () => {
    const hits = [chunk('1.html', BACKUPS), chunk('2.html', USERS), chunk('3.html', 'Something else entirely, about printers and paper trays and toner.'), chunk('4.pdf', USERS, 9)];
    const distinct = collapseDuplicates(hits, 2);
    expect(distinct.map((hit) => hit.path)).toEqual(['1.html', '2.html']);
    expect(distinct[1]?.alsoIn.map((copy) => copy.page)).toEqual([9]);
  });
});
