/**
 * Builds what runs: the JavaScript bundles of the CLI, the main process, the engine host and the worker threads
 * (esbuild, into out/app, see scripts/build/bundles.ts), the window bundle (Vite, into out/renderer) and the
 * preload (one CommonJS file, as sandboxed preloads must be, into out/preload).
 *
 *   npx tsx scripts/build-app.ts            everything (npm start, npm run dist)
 *   npx tsx scripts/build-app.ts --bundles  only out/app (npm install runs this, so `npx trove` works at once)
 */
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { buildBundles, OUT_DIR } from './build/bundles.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const bundlesOnly = process.argv.includes('--bundles');

const started = performance.now();
await buildBundles(ROOT);
if (!bundlesOnly) {
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: `${ROOT}vite.renderer.config.ts`, logLevel: 'warn' });
  await esbuild({
    entryPoints: [`${ROOT}electron/preload/index.ts`],
    outfile: `${ROOT}out/preload/index.cjs`,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron'],
    logLevel: 'warning',
  });
}
const what = bundlesOnly ? OUT_DIR : `${OUT_DIR}, out/renderer and out/preload/index.cjs`;
console.log(`built ${what} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
