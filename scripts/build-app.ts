/**
 * Builds what Electron loads that TypeScript-through-tsx cannot serve: the window bundle (Vite, into
 * out/renderer) and the preload (one CommonJS file, as sandboxed preloads must be, into out/preload). The
 * main process and the engine host run from source through tsx, like the CLI.
 *
 *   npx tsx scripts/build-app.ts
 */
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

await viteBuild({ configFile: `${ROOT}vite.renderer.config.ts` });
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
console.log('built out/renderer and out/preload/index.cjs');
