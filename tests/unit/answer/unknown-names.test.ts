import { describe, expect, it } from 'vitest';
import { unknownNames, writtenNames } from '../../../electron/core/answer/unknown-names.ts';
import type { TermStatisticsSource } from '../../../electron/core/answer/relevance.ts';

/** An index holding exactly `terms` (each in one chunk of 100). */
function indexHolding(...terms: string[]): TermStatisticsSource {
  const held = new Set(terms);
  return (asked) => ({ chunks: 100, documentFrequency: new Map(asked.filter((t) => held.has(t)).map((t) => [t, 1])) });
}

describe('writtenNames', () => {
  it('takes words with a capital letter that do not start a sentence, and not "I"', () => {
    const names = (text: string) => writtenNames(text).map((name) => name.surface);
    expect(names('How do I run Docker containers on the FreedomBox?')).toEqual(['Docker', 'FreedomBox']);
    expect(names('Is there an official iPhone app? Which OMR tool?')).toEqual(['iPhone', 'OMR']);
    expect(names("I'd like to know. Docker is what I'm asking about.")).toEqual([]);
    expect(names('"Kodi" is a player; can I use Kodi?')).toEqual(['Kodi']);
    expect(names('how do i back up everything')).toEqual([]);
  });

  it('takes neighbouring capitalised words as one name too, but not acronyms or words like "iPhone"', () => {
    const names = (text: string) => writtenNames(text).map((name) => name.surface);
    expect(names('Can I run Home Assistant on it?')).toEqual(['Home', 'Assistant', 'Home Assistant']);
    expect(names('How do we join our company\'s Microsoft Active Directory?')).toEqual(['Microsoft', 'Active', 'Directory', 'Microsoft Active Directory']);
    expect(names('A shared folder that Windows PCs can open')).toEqual(['Windows', 'PCs']);
    expect(names('It says "SMTP Error" when I send')).toEqual(['SMTP', 'Error']);
    // A sentence's first word is no name, so it starts no run: "Which Windows" is not one.
    expect(names('Which Windows version do I need?')).toEqual(['Windows']);
    expect(names('Is Docker, Kodi or Samba supported?')).toEqual(['Docker', 'Kodi', 'Samba']);
  });

  it('takes none in German text, where every noun is capitalised', () => {
    expect(writtenNames('Wie kann ich die Sicherung auf einen anderen Server kopieren?')).toEqual([]);
  });
});

describe('unknownNames', () => {
  it('names the names none of whose terms the index holds', async () => {
    const stats = indexHolding('freedombox', 'contain', 'run');
    expect(await unknownNames('How do I run Docker containers on the FreedomBox?', stats)).toEqual(['Docker']);
    expect(await unknownNames('How do I run containers on the FreedomBox?', stats)).toEqual([]);
  });

  it('names a several-word name whose words the index holds, but never side by side', async () => {
    const stats = indexHolding('home', 'assist', 'run', 'activ', 'directori');
    const phrases = (terms: readonly string[]) => terms.join(' ') === 'activ directori';
    expect(await unknownNames('Can I run Home Assistant on it?', stats, phrases)).toEqual(['Home Assistant']);
    expect(await unknownNames('Where is the Active Directory set up?', stats, phrases)).toEqual([]);
    // Without a way to ask for phrases, such a name is judged by its words alone.
    expect(await unknownNames('Can I run Home Assistant on it?', stats)).toEqual([]);
  });

  it('finds nothing without statistics (no index at hand)', async () => {
    expect(await unknownNames('How do I run Docker containers?')).toEqual([]);
  });
});
