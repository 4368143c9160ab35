import { describe, expect, it } from 'vitest';
import { passageUnits, sentenceUnits } from '../../../electron/core/answer/passage-units.ts';

const units = (text: string, layout?: 'prose' | 'lines') => passageUnits(text, layout).map((r) => text.slice(r.start, r.end));
const sentences = (text: string) => sentenceUnits(text, 0, text.length).map((r) => text.slice(r.start, r.end));

describe('sentenceUnits', () => {
  it('splits prose at . ! ? … followed by whitespace, keeping closing quotes and brackets', () => {
    expect(sentences('It works. Does it? Yes! He said "stop." Then (it ended.) Wait… Done')).toEqual([
      'It works.',
      'Does it?',
      'Yes!',
      'He said "stop."',
      'Then (it ended.)',
      'Wait…',
      'Done',
    ]);
  });

  it('does not split at abbreviations, initials, decimals, versions, paths or before a lower-case word', () => {
    expect(sentences('Use e.g. the CLI. Ask Dr. Smith about Fig. 3 today. J. R. R. Tolkien wrote it. Pi is 3.14 here.')).toEqual([
      'Use e.g. the CLI.',
      'Ask Dr. Smith about Fig. 3 today.',
      'J. R. R. Tolkien wrote it.',
      'Pi is 3.14 here.',
    ]);
    expect(sentences('Edit /etc/app.conf and v1.2.3 files. See docs/index.md. It costs approx. 5 euros.')).toEqual([
      'Edit /etc/app.conf and v1.2.3 files.',
      'See docs/index.md.',
      'It costs approx. 5 euros.',
    ]);
    expect(sentences('Wait... then go. Apples, pears, etc. Then more.')).toEqual(['Wait... then go.', 'Apples, pears, etc.', 'Then more.']);
  });

  it('splits CJK text at full stops without spaces', () => {
    expect(sentences('東京都は日本の首都です。大阪は西にあります。')).toEqual(['東京都は日本の首都です。', '大阪は西にあります。']);
  });

  it('keeps a sentence wrapped over several lines whole', () => {
    expect(sentences('The server locks\nthe table while it\nbuilds. Next one.')).toEqual(['The server locks\nthe table while it\nbuilds.', 'Next one.']);
  });
});

describe('passageUnits', () => {
  it('makes paragraphs, list items and table rows units of their own', () => {
    const text = 'Intro text here. Second sentence.\n\n- First item. More about it.\n- Second item\n  continues here.\n\nName | Value\nalpha | 1\n| a | b |';
    expect(units(text)).toEqual([
      'Intro text here.',
      'Second sentence.',
      '- First item.',
      'More about it.',
      '- Second item\n  continues here.',
      'Name | Value',
      'alpha | 1',
      '| a | b |',
    ]);
  });

  it('keeps each line of fenced code a unit, and reads code files line by line', () => {
    const text = 'Run this. Then that.\n```sh\nmake build. Then\nmake install\n```';
    expect(units(text)).toEqual(['Run this.', 'Then that.', '```sh', 'make build. Then', 'make install', '```']);
    expect(units('function a() {\n  return 1;\n}\n\nconst b = 2;', 'lines')).toEqual(['function a() {', 'return 1;', '}', 'const b = 2;']);
  });

  it('separates a title line from the sentence under it, but not a wrapped line of a sentence', () => {
    expect(units('Installing\nRun the installer. It takes a minute.')).toEqual(['Installing', 'Run the installer.', 'It takes a minute.']);
    expect(units('Backups are copied to the\nserver every night.')).toEqual(['Backups are copied to the\nserver every night.']);
  });

  it('gives ranges of the text itself, trimmed', () => {
    const text = '  One here.   Two there.  \n\n  Three.  ';
    for (const range of passageUnits(text)) {
      const piece = text.slice(range.start, range.end);
      expect(piece).toBe(piece.trim());
      expect(piece.length).toBeGreaterThan(0);
    }
    expect(units(text)).toEqual(['One here.', 'Two there.', 'Three.']);
  });
});
