/**
 * Where a worker thread's entry file is. Worker entries sit beside the module that starts them, in the sources
 * (extract/extract-worker.mjs, store/sqlite/search-worker.mjs) and in the build (out/app/*-worker.mjs). In the
 * packaged app they are unpacked from the asar archive (electron-builder.json asarUnpack), because a worker
 * thread is started from a path on disk: a path inside `app.asar` is turned into the one in `app.asar.unpacked`.
 */
export function workerEntry(url: URL): URL {
  if (url.protocol !== 'file:') return url;
  return new URL(url.href.replace(/\/app\.asar\//, '/app.asar.unpacked/'));
}
