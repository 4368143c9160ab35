/**
 * The one place that opens tesseract.js (Tesseract compiled to WebAssembly, run in its own worker thread).
 * Offline by construction: the English data is read from the `@tesseract.js-data/eng` package on disk (a local
 * `langPath`, so tesseract.js never falls back to its CDN) and `cacheMethod: 'none'` keeps it from writing a
 * copy into the working directory. The LSTM-only engine with the `best_int` data is the fast, small pairing.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createWorker, OEM, type Worker } from 'tesseract.js';

const require = createRequire(import.meta.url);

export interface RecognizedText {
  readonly text: string;
  /** Tesseract's mean word confidence, 0–100. */
  readonly confidence: number;
}

/** One tesseract.js worker: images in (PNG, JPEG, WebP, BMP, TIFF bytes), text out. */
export interface TesseractRecognizer {
  recognize(image: Uint8Array): Promise<RecognizedText>;
  /** Stops the worker thread; a recognition in flight is abandoned. */
  dispose(): Promise<void>;
}

/** Where tesseract.js finds its worker script and its language data: both files on this machine. */
export interface TesseractFiles {
  readonly workerPath: string;
  readonly langPath: string;
}

export function tesseractFiles(): TesseractFiles {
  return {
    workerPath: unpacked(require.resolve('tesseract.js/src/worker-script/node/index.js')),
    langPath: englishDataDir(),
  };
}

/** `files` defaults to the installed ones; the privacy test passes a worker script that blocks the network first. */
export async function openTesseractRecognizer(files: TesseractFiles = tesseractFiles()): Promise<TesseractRecognizer> {
  // tesseract.js reports a failure to load its data only to `errorHandler` (its createWorker promise then never
  // settles), and without a handler throws it from a message listener, which crashes the thread: the first
  // failure reported while opening makes opening fail.
  let failOpening: (error: Error) => void = () => undefined;
  const openingFailed = new Promise<never>((_, reject) => {
    failOpening = reject;
  });
  openingFailed.catch(() => undefined);
  const opening = createWorker('eng', OEM.LSTM_ONLY, {
    langPath: files.langPath,
    cacheMethod: 'none',
    gzip: true,
    workerPath: files.workerPath,
    // Progress and debug lines would reach the CLI's stdout otherwise.
    logger: () => undefined,
    errorHandler: (data: unknown) => failOpening(new Error(`OCR engine failed to start: ${String(data)}`)),
  });
  const worker: Worker = await Promise.race([opening, openingFailed]);
  return {
    async recognize(image) {
      // Transferable copies are not needed: tesseract.js posts the bytes to its worker itself.
      const { data } = await worker.recognize(Buffer.from(image.buffer, image.byteOffset, image.byteLength));
      return { text: data.text, confidence: data.confidence };
    },
    async dispose() {
      await worker.terminate();
    },
  };
}

/** The directory of `eng.traineddata.gz` (LSTM-only, integer model) inside the data package. */
function englishDataDir(): string {
  return unpacked(join(dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int'));
}

/** A worker thread starts from a file on disk: in the packaged app, the copy electron-builder unpacked from the asar archive. */
function unpacked(path: string): string {
  return path.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}
