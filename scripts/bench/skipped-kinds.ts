/**
 * What an index run left out, by kind: `npx tsx scripts/bench/skipped-kinds.ts <data dir>` prints the documents
 * by status and code, and the files skipped as unsupported by their kind (the extension, the one inside for
 * `.gz`, "(none)" without one). Used for "Every document staff keep (issue 15)" in docs/benchmarks.md, after
 * `/usr/bin/time -v node bin/trove.mjs --data-dir <dir> index /usr/share/doc`.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { extensionOf, withoutGzip } from '../../electron/core/extract/formats.ts';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: skipped-kinds.ts <data dir>');
const db = new Database(join(dataDir, 'trove.db'), { readonly: true });
const byCode = db.prepare('SELECT status, error_code AS code, count(*) AS n FROM documents GROUP BY status, error_code ORDER BY n DESC').all();
const unsupported = db.prepare("SELECT path FROM documents WHERE error_code = 'UNSUPPORTED_TYPE'").all() as { path: string }[];
const kinds = new Map<string, number>();
for (const { path } of unsupported) {
  const kind = (path.toLowerCase().endsWith('.gz') ? 'gz:' : '') + (extensionOf(withoutGzip(path)) || '(none)');
  kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
}
console.log(JSON.stringify(byCode));
console.log([...kinds].sort((a, b) => b[1] - a[1]).map(([kind, n]) => `${kind} ${n}`).join(', '));
db.close();
