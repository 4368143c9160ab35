// The main process's first module (out/app/main.mjs): turns source maps on under TROVE_DEBUG=1 before the rest of
// the main process loads, so its stack traces name the TypeScript sources.
if (process.env.TROVE_DEBUG) process.setSourceMapsEnabled(true);
await import('./index.ts');
