// A child process for the crash test: indexes a folder with a real store and a fake embedder, printing one line
// per file started so the test can kill it (SIGKILL) at a chosen moment. Run: node --import tsx crash-worker.ts <db> <folder>
import { Engine } from '../../../electron/core/engine.ts';
import { Store } from '../../../electron/core/store/sqlite/store.ts';
import { HashingEmbedder } from '../../helpers/fake-embedder.ts';

const [dbFile, folder] = process.argv.slice(2) as [string, string];
const engine = new Engine({ store: Store.open(dbFile), embedder: new HashingEmbedder(16) });
await engine.index([folder], {
  onProgress: (progress) => {
    if (progress.phase === 'indexing') process.stdout.write(`file ${progress.filesDone}\n`);
  },
});
process.stdout.write('done\n');
await engine.dispose();
