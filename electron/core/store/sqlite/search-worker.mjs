// Entry of the search worker thread (see search-thread.ts). Worker threads do not inherit the loader hooks of the
// thread that starts them, so the worker registers tsx itself before loading the TypeScript search code (the
// same reason as extract/extract-worker.mjs).
const { register } = await import('tsx/esm/api');
register();
await import('./search-worker.ts');
