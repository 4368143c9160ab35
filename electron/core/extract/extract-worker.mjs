// Entry of the extraction worker thread (see bounded-extractor.ts). Worker threads do not inherit the loader
// hooks of the thread that starts them, and bin/trove.mjs and the app register tsx programmatically (no
// --import flag to inherit), so the worker registers tsx itself before loading the TypeScript extractors.
// The big parsers are loaded first, as plain JavaScript: through tsx's hooks pdfjs takes ~8× longer to load
// (400 ms instead of 50 ms), paid again by every new worker. Later imports of them hit the module cache.
// pdf.worker.mjs is what pdfjs itself would import on the first document (it sets globalThis.pdfjsWorker).
await Promise.all([import('pdfjs-dist/legacy/build/pdf.mjs'), import('pdfjs-dist/legacy/build/pdf.worker.mjs'), import('mammoth')]);
const { register } = await import('tsx/esm/api');
register();
await import('./extract-worker.ts');
