/**
 * The app window's first paint in the e2e harness: the built renderer (Vite, as the app ships it) in Debian's
 * Chromium against the real engine host over an existing index. Per run, a fresh host and browser; timed from the
 * page's navigation start: the first contentful paint (Chromium's own entry) and the question box on screen (the
 * window ready to ask). Electron's window would add its own process start, which cannot be measured here.
 * Type-checked with the e2e tests (DOM types); startup.ts runs it as a child process and reads its JSON line.
 *
 *   npx tsx scripts/bench/window-paint.ts <data dir> [runs]
 */
import { openAppWindow } from '../../tests/e2e/harness/app-window.ts';
import { buildRenderer } from '../../tests/e2e/harness/browser.ts';
import { resolve } from 'node:path';
import { median } from './stats.ts';

export interface WindowPaint {
  readonly firstContentfulPaintMs: number;
  readonly questionBoxMs: number;
}

export async function windowFirstPaint(dataDir: string, runs = 5): Promise<WindowPaint> {
  await buildRenderer();
  const paints: number[] = [];
  const ready: number[] = [];
  for (let i = 0; i < runs; i++) {
    const app = await openAppWindow(dataDir, { folder: null, model: null, adapter: null });
    try {
      await app.page.goto(app.url);
      await app.page.getByRole('textbox', { name: 'Question' }).waitFor({ state: 'visible', timeout: 30_000 });
      const timings = await app.page.evaluate(() => ({
        paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
        now: performance.now(),
      }));
      paints.push(timings.paint);
      ready.push(timings.now);
    } finally {
      await app.close();
    }
  }
  return { firstContentfulPaintMs: median(paints), questionBoxMs: median(ready) };
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const [dataDir, runs] = process.argv.slice(2);
  if (!dataDir) throw new Error('usage: window-paint.ts <data dir> [runs]');
  console.log(JSON.stringify(await windowFirstPaint(dataDir, runs ? Number(runs) : undefined)));
}
