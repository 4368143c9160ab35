/** `trove forget <folder>`: remove a folder and everything indexed from it. */
import { printJson, withEngine, type GlobalOptions } from './open.ts';

export async function runForget(folder: string, options: GlobalOptions): Promise<void> {
  await withEngine(options, async (engine) => {
    const removed = engine.forget(folder);
    if (options.json) printJson({ forgotten: removed.path });
    else process.stdout.write(`Forgot ${removed.path} and everything indexed from it.\n`);
  });
}
