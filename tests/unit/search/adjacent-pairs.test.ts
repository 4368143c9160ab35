import { describe, expect, it } from 'vitest';
import { adjacentPairs } from '../../../electron/core/search/adjacent-pairs.ts';

describe('adjacentPairs', () => {
  it('pairs consecutive content terms as the index analyses them, stop words left out', () => {
    expect(adjacentPairs('What should the class list of students look like?')).toEqual(['class list', 'list student', 'student look', 'look like']);
  });

  it('gives nothing for a one-word query and does not pair a term with itself', () => {
    expect(adjacentPairs('backups')).toEqual([]);
    expect(adjacentPairs('copy copy paste')).toEqual(['copi past']);
  });
});
