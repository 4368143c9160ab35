/** `trove redactions [--folder <path>] [--json]`: what redaction removed, by kind, file and line — never the secret. */
import { resolve } from 'node:path';
import { TroveError } from '../../core/errors.ts';
import { printJson, withEngine, type GlobalOptions } from './open.ts';

export async function runRedactions(options: GlobalOptions & { folder?: string }): Promise<void> {
  await withEngine(options, async (engine) => {
    const folder = options.folder === undefined ? undefined : engine.store.folders.byPath(resolve(options.folder));
    if (options.folder !== undefined && !folder) throw new TroveError('INVALID_ARGUMENT', `${resolve(options.folder)} is not an indexed folder`);
    const redactions = engine.store.redactions.list(folder?.id);
    if (options.json) {
      printJson({ redactions });
      return;
    }
    const folders = engine.store.folders.list().filter((f) => !folder || f.id === folder.id);
    const on = folders.filter((f) => engine.store.folders.settings(f.id).redact).length;
    process.stdout.write(`Redaction is on for ${on} of ${folders.length} ${folders.length === 1 ? 'folder' : 'folders'}; ${redactions.length} ${redactions.length === 1 ? 'secret' : 'secrets'} removed\n`);
    for (const r of redactions) {
      process.stdout.write(`  ${r.path}:${r.startLine}${r.endLine > r.startLine ? `-${r.endLine}` : ''}  ${r.kind}\n`);
    }
    if (on === 0 && folders.length > 0) process.stdout.write('Turn it on with trove folder set <folder> --redact (or trove index <folder> --redact).\n');
  });
}
