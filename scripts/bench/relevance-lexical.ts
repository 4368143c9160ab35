/**
 * How the lexical relevance threshold was chosen (answer/relevance-thresholds.ts): index a small, real
 * technical corpus from /usr/share/doc (dpkg specs, base-passwd, procps, zstd, PyYAML, yq, plus 60 git release
 * notes as distractors), ask paraphrased questions it answers and questions it does not, and print the IDF
 * coverage of the best passage of BM25's top 8 for each, then the threshold that
 * `chooseThreshold` picks. Usage: npx tsx scripts/bench/relevance-lexical.ts
 */
import { copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { lexicalEvidence, weighQuery } from '../../electron/core/answer/relevance.ts';
import { chooseThreshold, evaluateThreshold } from '../../electron/core/answer/relevance-calibration.ts';
import { DEFAULT_THRESHOLDS } from '../../electron/core/answer/relevance-thresholds.ts';
import { Engine } from '../../electron/core/engine.ts';
import { Store } from '../../electron/core/store/sqlite/store.ts';

const DOC = '/usr/share/doc';
const FILES = [
  'dpkg/spec/triggers.txt', 'dpkg/spec/frontend-api.txt', 'dpkg/spec/rootless-builds.txt', 'dpkg/spec/protected-field.txt',
  'base-passwd/README', 'base-passwd/users-and-groups.html', 'procps/bugs.md', 'zstd/TESTING.md', 'python3-yaml/README.md',
  'yq/cli-doc.txt', 'e2fsprogs/README',
];

/** Files without an extension would be skipped as unsupported: index them as plain text. */
function asText(file: string): string {
  const name = file.replaceAll('/', '_');
  return /\.[a-z]+$/.test(name) ? name : `${name}.txt`;
}

const ANSWERABLE = [
  'Which lock must a frontend take before the dpkg database lock?',
  'What environment variable tells dpkg that the frontend already holds the lock?',
  'What kind of file locking should frontends use?',
  'How do I say in debian/control that building binary packages needs no root?',
  'What happens if the builder cannot run commands as root for the rules file?',
  'Why was a Protected field proposed instead of using Essential?',
  'Can a protected package be removed without forcing it?',
  'What is a dpkg trigger for?',
  'When does a package with pending triggers count as installed?',
  'Which uid does the mysql server get?',
  'Who owns the mailboxes in /var/mail?',
  'Why does the sync user have /bin/sync as its shell?',
  'What does update-passwd check on my system?',
  'Is the root account ever changed by update-passwd?',
  'How should I report a crash in ps?',
  'Where do I send patches for procps?',
  'Which tests run for every pull request in zstd?',
  'How often do the long zstd tests run?',
  'How do I install PyYAML without the LibYAML bindings?',
  'How can I load untrusted YAML safely in Python?',
  'How do I convert jq output back to YAML?',
  'How do I edit a YAML file in place with yq?',
  'What does the games group allow?',
  'Which user do web servers run as?',
  'What are file triggers activated by?',
  'Who maintains the static uid allocations in the 60000 range?',
  // Paraphrases in the words staff would use, not the documents'.
  'Who can write to the printer port directly?',
  'Where do I file a bug about the ps command?',
  'Do I need sudo to build a Debian package?',
  'What should I do if a procps program segfaults?',
  'Which account do Postgres databases belong to?',
  'How do I stop two package tools from changing the system at the same time?',
  'Is it safe to parse YAML that came from the internet?',
  'Can I make yq print YAML instead of JSON?',
  'Why would anybody need the nobody user?',
  'What do I get when triggers are activated twice?',
];

const UNANSWERABLE = [
  'What is the capital of Mongolia?',
  'How do I bake sourdough bread?',
  'How many vacation days do employees get?',
  'How do I reset my router password?',
  'What is the recommended dosage of ibuprofen for children?',
  'How do I configure Kerberos authentication for dpkg?',
  'Which uid does the nginx server get?',
  'How do I compress a file with zstd at maximum level?',
  'How do I sign a Debian package with GPG?',
  'What time zone should the server clock use?',
  'How do I convert YAML to XML with yq?',
  'How do I mount an ext4 file system read-only?',
];

async function main(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'trove-relevance-'));
  const folder = join(root, 'docs');
  await mkdir(folder);
  for (const file of FILES) await copyFile(join(DOC, file), join(folder, asText(file)));
  const notes = (await readdir(join(DOC, 'git/RelNotes'))).filter((name) => name.endsWith('.txt')).sort().slice(-60);
  for (const note of notes) await copyFile(join(DOC, 'git/RelNotes', note), join(folder, `git-${basename(note)}`));
  const store = Store.open(join(root, 'trove.db'));
  const engine = new Engine({ store });
  try {
    await engine.index([folder]);
    const stats = (terms: readonly string[]) => store.termStats.frequencies(terms);
    const measure = async (question: string) => {
      const { results } = await engine.search(question, { k: 8, mode: 'bm25' });
      const query = weighQuery(question, stats);
      return results.reduce((best, hit) => Math.max(best, lexicalEvidence(query, hit).coverage), 0);
    };
    const scores: { score: number; answerable: boolean }[] = [];
    for (const [questions, answerable] of [[ANSWERABLE, true], [UNANSWERABLE, false]] as const) {
      for (const question of questions) {
        const score = await measure(question);
        scores.push({ score, answerable });
        console.log(`${answerable ? 'A' : 'U'} ${score.toFixed(3)} ${question}`);
        if (process.env.VERBOSE) console.log('   ', weighQuery(question, stats).terms.map((t) => `${t.term}:${t.documentFrequency}`).join(' '));
      }
    }
    console.log(store.counts().chunks, 'chunks');
    console.log('chosen on this set:', chooseThreshold(scores));
    console.log('the default:', evaluateThreshold(scores, DEFAULT_THRESHOLDS.lexical));
  } finally {
    await engine.dispose();
    await rm(root, { recursive: true, force: true });
  }
}

await main();
