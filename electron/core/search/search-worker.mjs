// Entry of the BM25 worker thread (see bm25-thread.ts). Worker threads do not inherit the loader hooks of the
// thread that starts them, so the worker registers tsx itself before loading the TypeScript search code (the
// same reason as extract/extract-worker.mjs).
const { register } = await import('tsx/esm/api');
register();
await import('./bm25-worker.ts');
