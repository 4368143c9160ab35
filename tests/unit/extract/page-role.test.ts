import { describe, expect, it } from 'vitest';
import { pageRole } from '../../../electron/core/extract/page-role.ts';

// Shapes of real manuals' pages (LaTeX, Texinfo, DocBook output), as pdfjs returns their lines.
const LATEX_CONTENTS_CONTINUED = [
  'Canvas size 32', 'Command-line-editing 32', 'Comments 33', 'Coordinates 33', 'Datastrings 33', 'Enhanced text mode 34',
  'Escape sequences . . . . . . . . . . . . . . . . . 35', 'Environment 35', 'Expressions 36',
  'Complex arithmetic . . . . . . . . . . . . . . . . 37', 'Constants . . . . . . . . . . . . . . . . . . . . . 37',
];
const LATEX_INDEX = [
  'clip, 24, 81, 137', 'clip1in, 191', 'clipcb, 191', 'clipping, 85', 'close, 55', 'cnormal, 114',
  'cntrlabel, 56, 138, 140, 141, 160', 'colorbox, 50, 140, 181, 189, 190, 226', 'errorbars, 65–67, 70, 119, 148',
];
const TEXINFO_INDEX = [
  'A', 'asn1Coding program . . . . . . . . . . . . 5', 'asn1Decoding program . . . . . . . . . . . 7',
  'asn1Parser program . . . . . . . . . . . . . 5', 'ASN.1 schema . . . . . . . . . . . . . . . . . 2', 'F',
  'FDL, GNU Free Documentation License . . . . 24', 'Future developments . . . . . . . . . . . . 4',
  'H', 'Header file libtasn1.h. . . . . . . . . . . . 4', 'T', 'threads . . . . . . . . . . . . . . . . . . . . 1',
];
const PROSE = [
  'Gnuplot may be executed in either batch or interactive modes, and the two may even be mixed together',
  'on many systems. The default sampling rate is 100', 'Any command-line arguments are assumed to be either program options or',
  'names of files containing gnuplot commands. Each file or command string will be executed in the order',
  'specified. Gnuplot exits after the last file is processed, after at most 3', 'seconds of idle time, or when it reads 2',
];
const SETTINGS_TABLE = ['Setting Default', 'Port 8080', 'Retries 5', 'Timeout 30', 'Workers 4', 'Queue 64', 'Backlog 16', 'Buffer 12', 'Threads 2', 'Depth 9'];

describe('pageRole', () => {
  it('recognises a contents page by its title and by page numbers in order', () => {
    expect(pageRole(['Table of Contents', '1 Introduction . . . . . . . . . . . 1', '2 ASN.1 structure handling . . . . . 2', '2.1 ASN.1 syntax. . . . . . . . . 2'])).toBe('contents');
    expect(pageRole(['Table des matières', '1 Licence 1', '2 Prérequis 1', '3 Notes d’utilisation 2'])).toBe('contents');
    // A continued contents page has no title of its own.
    expect(pageRole(LATEX_CONTENTS_CONTINUED, { pageCount: 311 })).toBe('contents');
  });

  it('recognises an index page, with or without its title', () => {
    expect(pageRole(LATEX_INDEX, { pageCount: 311 })).toBe('index');
    expect(pageRole(['Concept Index', ...TEXINFO_INDEX])).toBe('index');
    expect(pageRole(TEXINFO_INDEX)).toBe('index');
    expect(pageRole(['Index', 'backup, 3, 4', 'drive, 2', 'restore, 3'])).toBe('index');
  });

  it('takes a title given with the page (running header, outline) as evidence too', () => {
    expect(pageRole(LATEX_INDEX.slice(0, 4), { titles: ['INDEX'] })).toBe('index');
    expect(pageRole(LATEX_INDEX.slice(0, 4))).toBeUndefined();
  });

  it('leaves ordinary pages alone, even those with numbers at line ends', () => {
    expect(pageRole(PROSE, { pageCount: 311 })).toBeUndefined();
    expect(pageRole(SETTINGS_TABLE, { pageCount: 311 })).toBeUndefined();
    // A page that only talks about an index is not one.
    expect(pageRole(['Index', 'An index makes lookups fast. Create one with CREATE INDEX.', 'It costs 2', 'writes per row.'])).toBeUndefined();
    expect(pageRole([])).toBeUndefined();
  });

  it('counts a page number printed on its own line as its entry\'s', () => {
    const split = ['Contents', 'Installing', '1', 'First start', '2', 'Backups', '3', 'Restoring', '3'];
    expect(pageRole(split)).toBe('contents');
  });
});
