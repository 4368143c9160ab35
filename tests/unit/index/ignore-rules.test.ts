import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IgnoreRules } from '../../../electron/core/index/ignore-rules.ts';
import { walkFolder } from '../../../electron/core/index/walk-folder.ts';
import { writeFiles } from '../../helpers/sample-folder.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();

describe('IgnoreRules', () => {
  it('combines default excludes, nested .gitignore/.troveignore files and folder patterns', async () => {
    const root = await tempDir();
    await writeFiles(root, {
      '.gitignore': '*.log\nbuild-output/\n',
      'docs/.troveignore': 'private/\n!keep.log\n',
      'docs/a.md': 'a',
    });
    const rules = new IgnoreRules(root, ['*.bak']);
    const at = (path: string) => join(root, path);
    expect(rules.ignores(at('docs/a.md'), false)).toBe(false);
    expect(rules.ignores(at('x.log'), false)).toBe(true);
    expect(rules.ignores(at('docs/keep.log'), false)).toBe(false); // as in git, the deeper file's `!` re-includes it
    expect(rules.ignores(at('docs/other.log'), false)).toBe(true);
    expect(rules.ignores(at('build-output'), true)).toBe(true);
    expect(rules.ignores(at('build-output/x.md'), false)).toBe(true);
    expect(rules.ignores(at('docs/private/p.md'), false)).toBe(true);
    expect(rules.ignores(at('private/p.md'), false)).toBe(false); // .troveignore in docs/ speaks only for docs/
    expect(rules.ignores(at('old.bak'), false)).toBe(true);
    expect(rules.ignores(at('node_modules/x/readme.md'), false)).toBe(true);
    expect(rules.ignores(at('.git/config'), false)).toBe(true);
    expect(rules.ignores(at('~$report.docx'), false)).toBe(true);
    expect(rules.ignores(at('data.lock'), false)).toBe(true);
    expect(rules.ignores('/elsewhere/file.md', false)).toBe(true);
  });

  it('re-reads an ignore file after invalidate, and the walk applies the rules', async () => {
    const root = await tempDir();
    await writeFiles(root, { 'a.md': 'a', 'b.md': 'b', 'sub/c.md': 'c' });
    const rules = new IgnoreRules(root);
    expect((await walkFolder(root, [], rules)).map((f) => f.path)).toEqual([join(root, 'a.md'), join(root, 'b.md'), join(root, 'sub/c.md')]);
    await writeFiles(root, { '.troveignore': 'b.md\nsub/\n' });
    expect(rules.ignores(join(root, 'b.md'), false)).toBe(false); // cached until told
    rules.invalidate(join(root, '.troveignore'));
    expect((await walkFolder(root, [], rules)).map((f) => f.path)).toEqual([join(root, 'a.md')]);
  });

  it('leaves out a directory whose ignore file cannot be read, says so, and reads it again once told it changed', async () => {
    const root = await tempDir();
    await writeFiles(root, { 'a.md': 'a', 'docs/.gitignore': 'secret.md\n', 'docs/secret.md': 's', 'docs/plan.md': 'p', 'docs/deep/.troveignore': '!secret.md\n' });
    const locked = join(root, 'docs/.gitignore');
    let permitted = false;
    // As root every file is readable: the permission failure comes from the reader, the rest is the real disk.
    const read = (path: string) => {
      if (path === locked && !permitted) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      return readFileSync(path, 'utf8');
    };
    const rules = new IgnoreRules(root, [], read);
    expect((await walkFolder(root, [], rules)).map((f) => f.path)).toEqual([join(root, 'a.md')]);
    // A `!` further down cannot bring back what unknown rules may exclude.
    expect(rules.ignores(join(root, 'docs/deep/secret.md'), false)).toBe(true);
    expect(rules.unreadableRuleFiles()).toEqual([{ path: locked, code: 'PERMISSION_DENIED', message: expect.stringMatching(/^Cannot read .*: permission denied; the files beside it are left out/) }]);
    permitted = true;
    rules.invalidate(locked);
    expect((await walkFolder(root, [], rules)).map((f) => f.path)).toEqual([join(root, 'a.md'), join(root, 'docs/plan.md')]);
    expect(rules.unreadableRuleFiles()).toEqual([]);
  });
});
