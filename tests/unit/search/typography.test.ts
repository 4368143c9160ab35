import { describe, expect, it } from 'vitest';
import { analyze } from '../../../electron/core/search/analyze.ts';
import { plainTypography } from '../../../electron/core/search/typography.ts';

describe('plainTypography', () => {
  it('gives quotes, primes, dashes and the minus sign their ASCII forms', () => {
    expect(plainTypography('‘a’ ‛b′ “c” „d″ e‐f g‑h 1‒2 3–4 5—6 7―8 −9')).toBe(`'a' 'b' "c" "d" e-f g-h 1-2 3-4 5-6 7-8 -9`);
  });

  it('removes soft hyphens and zero-width spaces and joiners', () => {
    expect(plainTypography('con\u00ADfigu\u00ADration pass\u200Bword zero\u200C\u200Dwidth\u2060joined\uFEFF')).toBe(
      'configuration password zerowidthjoined',
    );
  });

  it('joins a word hyphenated across a line end', () => {
    expect(plainTypography('the configu-\nration file')).toBe('the configuration file');
    expect(plainTypography('the configu‐\n  ration file')).toBe('the configuration file');
    expect(plainTypography('the configu‑ \r\n\tration file')).toBe('the configuration file');
    expect(plainTypography('Ver-\nträge')).toBe('Verträge');
    expect(plainTypography('configu-\r\nration')).toBe('configuration');
  });

  it('joins at a soft hyphen ending a line whatever follows', () => {
    expect(plainTypography('Data\u00AD\nBase')).toBe('DataBase');
  });

  it('keeps a hyphen that is not a line-end word break', () => {
    expect(plainTypography('Graeco-\nRoman')).toBe('Graeco-\nRoman');
    expect(plainTypography('pages 10-\n12')).toBe('pages 10-\n12');
    expect(plainTypography('item -\nnext')).toBe('item -\nnext');
    expect(plainTypography('well-known and x-\n\ny')).toBe('well-known and x-\n\ny');
    expect(plainTypography('wait—\nthen')).toBe('wait-\nthen');
  });
});

describe('analyze reads text as people read it', () => {
  it('matches typographic and ASCII spellings alike', () => {
    expect(analyze('“State‐of‐the‐art” isn’t −5 °C')).toEqual(analyze('"State-of-the-art" isn\'t -5 °C'));
    expect(analyze('con\u00ADfigu\u00ADration pass\u200Bword')).toEqual(analyze('configuration password'));
  });

  it('analyses a word broken across lines as the whole word', () => {
    expect(analyze('Edit the configu-\nration file')).toEqual(analyze('Edit the configuration file'));
    expect(analyze('Edit the configu‐\n  ration file')).toEqual(['edit', 'configur', 'file']);
  });
});
