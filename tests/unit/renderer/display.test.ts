import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { contentSecurityPolicy } from '../../../electron/shared/csp.ts';
import { countOf, describeDownloadProgress, folderActivity, formatEta, formatIndexedAt, formatSpan, newStreamId } from '../../../renderer/src/format.ts';
import { shortcutFor } from '../../../renderer/src/shortcuts.ts';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('window display helpers', () => {
  test('spans name the file with its lines, or its page', () => {
    expect(formatSpan({ path: '/a/b/notes.md', startLine: 3, endLine: 7, page: null })).toBe('notes.md:3-7');
    expect(formatSpan({ path: 'C:\\docs\\x.txt', startLine: 4, endLine: 4, page: null })).toBe('x.txt:4');
    expect(formatSpan({ path: '/r.pdf', startLine: 1, endLine: 9, page: 4 })).toBe('r.pdf p. 4');
  });

  test('ETA reads naturally', () => {
    expect(formatEta(null)).toBe('estimating…');
    expect(formatEta(4_200)).toBe('about 5 s left');
    expect(formatEta(150_000)).toBe('about 3 min left');
    expect(formatEta(2 * 3_600_000 + 60_000)).toBe('about 2 h 1 min left');
  });

  test('a download reads as bytes of the total, speed and time left', () => {
    expect(describeDownloadProgress({ receivedBytes: 12_000_000, totalBytes: 491_000_000, bytesPerSecond: 3_200_000, etaMs: 150_000 })).toBe(
      '12.0 MB of 491.0 MB · 3.2 MB/s · about 3 min left',
    );
    expect(describeDownloadProgress({ receivedBytes: 500, totalBytes: 1000, bytesPerSecond: null, etaMs: null })).toBe('500 B of 1 kB · estimating…');
    expect(describeDownloadProgress({ receivedBytes: 1000, totalBytes: 1000, bytesPerSecond: 2000, etaMs: 0 })).toBe('1 kB of 1 kB · 2 kB/s');
    expect(describeDownloadProgress({ receivedBytes: 2_500_000, totalBytes: null, bytesPerSecond: null, etaMs: null })).toBe('2.5 MB');
  });

  test('counts take the singular for one and the plural otherwise', () => {
    expect(countOf(1, 'file')).toBe('1 file');
    expect(countOf(0, 'file')).toBe('0 files');
    expect(countOf(4, 'passage')).toBe('4 passages');
    expect(countOf(1, 'entry', 'entries')).toBe('1 entry');
    expect(countOf(2, 'entry', 'entries')).toBe('2 entries');
  });

  test('a folder with nothing pending reads up to date, with when it was indexed', () => {
    const now = new Date(2026, 2, 4, 15, 30).getTime();
    const earlier = new Date(2026, 2, 4, 9, 5).getTime();
    const folder = { status: 'active' as const, paused: false, pending: 0, indexedAt: earlier, indexedBy: null };
    expect(folderActivity(folder, now)).toBe(`Up to date · indexed ${formatIndexedAt(earlier, now)}`);
    expect(formatIndexedAt(earlier, now)).toMatch(/^today at .*0?9.05/);
    expect(formatIndexedAt(new Date(2026, 1, 20).getTime(), now)).toMatch(/^on /);
    expect(folderActivity({ ...folder, indexedAt: null }, now)).toBe('Not indexed yet');
    expect(folderActivity({ ...folder, pending: 1 }, now)).toBe('Indexing · 1 file to go');
    expect(folderActivity({ ...folder, pending: 3, paused: true }, now)).toBe('Paused · 3 files waiting');
    expect(folderActivity({ ...folder, paused: true }, now)).toBe('Paused');
    expect(folderActivity({ ...folder, status: 'missing' }, now)).toBeNull();
    // A team index's folder another member's Trove is indexing now.
    expect(folderActivity({ ...folder, indexedBy: 'laptop-7:4120', pending: 12 }, now)).toBe('Being indexed by laptop-7:4120 · 12 files to go');
    expect(folderActivity({ ...folder, indexedBy: 'laptop-7:4120' }, now)).toBe('Being indexed by laptop-7:4120');
  });

  test('stream ids differ between calls', () => {
    expect(newStreamId(1, 0.1)).not.toBe(newStreamId(1, 0.2));
  });

  test('shortcuts: Ctrl/Cmd+N new chat, Ctrl/Cmd+L focus, Escape stop; others pass through', () => {
    expect(shortcutFor(key('n', { ctrlKey: true }))).toBe('new-chat');
    expect(shortcutFor(key('N', { metaKey: true }))).toBe('new-chat');
    expect(shortcutFor(key('l', { ctrlKey: true }))).toBe('focus-input');
    expect(shortcutFor(key('Escape'))).toBe('stop-answer');
    expect(shortcutFor(key('n'))).toBeUndefined();
    expect(shortcutFor(key('n', { ctrlKey: true, shiftKey: true }))).toBeUndefined();
  });

  test('the page carries the same strict CSP as the app session sends', () => {
    const html = readFileSync(join(import.meta.dirname, '../../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(contentSecurityPolicy());
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/); // no inline script
  });
});
