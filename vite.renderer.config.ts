// Builds the window bundle (renderer/) into out/renderer, with relative URLs so it loads from file:// in the
// app and from a local test server in e2e alike.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('./out/renderer', import.meta.url)),
    emptyOutDir: true,
    // No inline polyfill script: the CSP allows only the app's own script files.
    modulePreload: false,
    sourcemap: true,
    minify: process.env.TROVE_NO_MINIFY !== '1',
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
});
